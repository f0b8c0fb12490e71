"""``manage.py compile_catalogues``: compile the UI catalogues with polib (no gettext needed)."""

from django.core.management.base import BaseCommand

from locales.catalogues import compile_all


class Command(BaseCommand):
    help = "Compile locales/locale/*/LC_MESSAGES/*.po into .mo files (only those changed)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, force: bool = False, **options) -> None:
        compiled = compile_all(force=force)
        self.stdout.write(f"{len(compiled)} catalogue(s) compiled.")
