"""``manage.py backup [DIRECTORY]``: database snapshot, media, embedded search index and a
manifest (counts and checksums) into a new directory (default ``backups/<date-time>``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database, media and embedded search index with a verified manifest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", nargs="?", help="A new directory for the backup.")

    def handle(self, *args, directory: str | None = None, **options) -> None:
        target = Path(
            directory
            or settings.BASE_DIR / "backups" / timezone.localtime().strftime("%Y%m%d-%H%M%S")
        )
        try:
            manifest = backup(target)
        except (BackupError, FileExistsError) as error:
            raise CommandError(str(error)) from None
        rows = sum(model["count"] for model in manifest["models"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup in {target}: {rows} rows in {len(manifest['models'])} tables, "
                f"{manifest['media']['files']} media files, search index: {manifest['search']}, "
                f"{manifest['seconds']} s."
            )
        )
