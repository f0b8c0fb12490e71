"""``manage.py accreditation_retention``: erase journalists' personal data past the retention
period (run by ``run_scheduler``; ``--dry-run`` only counts)."""

from django.core.management.base import BaseCommand

from cms.accreditation import retention


class Command(BaseCommand):
    help = "Erase the personal data of accreditation requests past the retention period."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, erase nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        if dry_run:
            count = retention.due().count()
            self.stdout.write(f"{count} request(s) due for erasure.")
            return
        count = retention.erase_due()
        if count or options["verbosity"] > 1:
            self.stdout.write(f"Personal data erased from {count} request(s).")
