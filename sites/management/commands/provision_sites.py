"""``manage.py provision_sites``: create or update every site from the catalogue."""

from django.core.management.base import BaseCommand, CommandError

from sites import catalogue
from sites.provisioning import provision


class Command(BaseCommand):
    help = "Create or update every channel and portal from sites/catalogue.yaml (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--catalogue", default=str(catalogue.DEFAULT_PATH))

    def handle(self, *args, **options) -> None:
        try:
            data = catalogue.load(options["catalogue"])
        except catalogue.CatalogueError as exc:
            raise CommandError(
                "The catalogue is invalid; nothing was changed.\n"
                + "\n".join(f"  {where}: {message}" for where, message in exc.errors)
            ) from None
        report = provision(data)
        if options["verbosity"] >= 2:
            for line in report.changes:
                self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(data.sites)} sites provisioned, {len(report.changes)} changes."
                if report.changed
                else f"{len(data.sites)} sites up to date; nothing changed."
            )
        )
