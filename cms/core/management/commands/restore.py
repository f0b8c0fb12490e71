"""``manage.py restore DIRECTORY``: restore a backup into a new, empty instance and check every
table's count and checksum and the media against its manifest."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.core.backup import BackupError, read_manifest, restore, verify


class Command(BaseCommand):
    help = "Restore a backup (from manage.py backup) into an empty instance and verify it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory")

    def handle(self, *args, directory: str, **options) -> None:
        source = Path(directory)
        started = time.monotonic()
        try:
            restore(source)
            problems = verify(read_manifest(source))
        except BackupError as error:
            raise CommandError(str(error)) from None
        if problems:
            raise CommandError("The restored instance differs:\n  " + "\n  ".join(problems))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored from {source} and verified (counts, checksums, media) in "
                f"{time.monotonic() - started:.1f} s."
            )
        )
