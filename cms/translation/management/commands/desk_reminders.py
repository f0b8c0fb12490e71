from django.core.management.base import BaseCommand

from cms.translation.notifications import send_deadline_reminders


class Command(BaseCommand):
    help = "Notify about translation jobs whose deadline is near or past (each once)."

    def handle(self, *args, **options) -> None:
        count = send_deadline_reminders()
        if options["verbosity"] > 1:
            self.stdout.write(f"Deadline reminders: {count} jobs")
