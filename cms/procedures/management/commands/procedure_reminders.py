"""``manage.py procedure_reminders``: queue the review-reminder task for the worker (the
scheduler runs this every minute; each threshold reminds once however often it runs), or,
with ``--now``, send the reminders in this process."""

from django.core.management.base import BaseCommand

from cms.procedures.reviews import send_reminders, send_review_reminders


class Command(BaseCommand):
    help = "Remind owners of procedure records due for review (each threshold once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--now", action="store_true", help="send here instead of queueing")

    def handle(self, *args, now: bool = False, **options) -> None:
        if now:
            count = send_reminders()
            if options["verbosity"] > 0:
                self.stdout.write(f"Procedure review reminders sent: {count}")
        else:
            send_review_reminders.enqueue()
