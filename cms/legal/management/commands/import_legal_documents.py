"""``manage.py import_legal_documents FILE [--files DIR] [--apply] [--publish]``: check (and with
``--apply`` import) legal documents from a CSV or JSON file; a dry run by default."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cms.legal import importer
from cms.legal.models import LegalIndexPage


class Command(BaseCommand):
    help = "Check, then import, legal documents from CSV or JSON (dry run unless --apply)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--files", type=Path, help="Directory holding the PDF files named")
        parser.add_argument("--index", type=int, help="Page id of the Vietnamese database")
        parser.add_argument("--apply", action="store_true", help="Import (else only check)")
        parser.add_argument("--publish", action="store_true", help="Publish what is imported")

    def handle(self, *args, file: Path, files: Path | None, index: int | None, **options) -> None:
        try:
            rows = importer.read_rows(file.read_bytes(), file.name)
        except OSError as exc:
            raise CommandError(str(exc)) from None
        except importer.ImportFileError as exc:
            raise CommandError(str(exc)) from None
        target = (
            LegalIndexPage.objects.get(pk=index) if index is not None else importer.source_index()
        )
        attachments = {}
        if files is not None:
            attachments = {path.name: path.open("rb") for path in files.iterdir() if path.is_file()}
        try:
            report = importer.Importer(target, attachments).run(
                rows, dry_run=not options["apply"], publish=options["publish"]
            )
        finally:
            for handle in attachments.values():
                handle.close()
        for problem in report.problems:
            self.stderr.write(
                _("Row %(row)s (%(number)s): %(message)s")
                % {"row": problem.row, "number": problem.number or "—", "message": problem.message}
            )
        summary = _(
            "%(rows)s rows: %(created)s new, %(updated)s updated, %(unchanged)s unchanged."
        ) % {
            "rows": report.rows,
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
        }
        if not report.ok:
            raise CommandError(
                _("Nothing was imported: %(count)s problems.") % {"count": len(report.problems)}
            )
        self.stdout.write(
            summary
            if report.applied
            else _("Dry run, nothing saved: %(summary)s") % {"summary": summary}
        )
