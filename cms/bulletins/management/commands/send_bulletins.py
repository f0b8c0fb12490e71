"""``manage.py send_bulletins``: hand the worker again every issue whose sending stalled (the
scheduler runs it each minute, so an interrupted issue resumes)."""

from django.core.management.base import BaseCommand

from cms.bulletins import sending


class Command(BaseCommand):
    help = "Resume sending the bulletin issues whose sending stalled."

    def handle(self, *args, **options) -> None:
        resumed = sending.resume_stalled()
        if options["verbosity"]:
            self.stdout.write(f"{len(resumed)} bulletin issues resumed.")
