"""``manage.py seed_demo``: load the demo articles and users; ``--remove`` deletes them."""

from django.core.management.base import BaseCommand, CommandError

from cms.demo.loader import DemoContentError, DemoLoader


class Command(BaseCommand):
    help = "Load demo content (idempotent) or remove it with --remove."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--remove", action="store_true", help="Delete all demo content.")

    def handle(self, *args, remove: bool = False, **options) -> None:
        loader = DemoLoader()
        if remove:
            removed = loader.remove()
            self.stdout.write(self.style.SUCCESS(f"Removed {removed} demo objects."))
            return
        try:
            report = loader.load()
        except DemoContentError as exc:
            raise CommandError(f"{exc} Nothing was loaded.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(report.created)} demo objects."
                if report.created
                else "Demo content already loaded; nothing changed."
            )
        )
