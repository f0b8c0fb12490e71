"""``manage.py seed_demo``: load the demo articles (and, where allowed, the demo logins);
``--remove`` deletes exactly the demo objects (``cms.demo.removal``)."""

from django.core.management.base import BaseCommand, CommandError

from cms.demo.loader import DemoContentError, DemoLoader
from cms.demo.removal import remove_demo


class Command(BaseCommand):
    help = "Load demo content (idempotent) or remove it with --remove."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--remove", action="store_true", help="Delete all demo content.")

    def handle(self, *args, remove: bool = False, **options) -> None:
        if remove:
            removal = remove_demo()
            self.stdout.write(self.style.SUCCESS(f"Removed {removal.removed} demo objects."))
            if removal.deactivated:
                self.stdout.write(
                    "Deactivated (real records point at them): " + ", ".join(removal.deactivated)
                )
            if removal.kept:
                self.stdout.write(
                    self.style.WARNING(
                        "Kept: "
                        + ", ".join(removal.kept)
                        + " (the only administrator, or still used by real content). Create an "
                        "administrator (manage.py create_admin) and run this again."
                    )
                )
            return
        try:
            report = DemoLoader().load()
        except DemoContentError as exc:
            raise CommandError(f"{exc} Nothing was loaded.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(report.created)} demo objects."
                if report.created
                else "Demo content already loaded; nothing changed."
            )
        )
