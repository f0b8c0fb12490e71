"""Exports: the roll-up of a quarter as an XLSX workbook (openpyxl) and one report, or the
roll-up, as PDF (WeasyPrint, with the project's own Lao, Khmer and Chinese fonts embedded so
names in those scripts print on a server without system fonts for them)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from weasyprint import HTML

from cms.reports.models import QuarterlyReport
from locales import registry

FONTS_DIR = Path(registry.__file__).resolve().parent / "static" / "locales" / "fonts"
PDF_FONTS = (
    ("Noto Sans Lao", "noto-sans-lao-lao-{weight}-normal.woff2"),
    ("Noto Sans Khmer", "noto-sans-khmer-khmer-{weight}-normal.woff2"),
)


def rollup_xlsx(reports: Sequence[QuarterlyReport], year: int, quarter: int) -> bytes:
    """One row per district with its status and figures, a total row, and a second sheet
    with the narrative sections."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}-Q{quarter}"
    headings = [
        _("District"),
        _("Status"),
        QuarterlyReport.label("items_published"),
        QuarterlyReport.label("languages"),
        *(QuarterlyReport.label(name) for name in QuarterlyReport.FIGURES),
        _("Submitted"),
    ]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for report in reports:
        sheet.append(
            [
                report.channel.name,
                report.get_status_display(),
                report.items_published,
                ", ".join(report.languages),
                *(getattr(report, name) for name in QuarterlyReport.FIGURES),
                report.submitted_at.replace(tzinfo=None) if report.submitted_at else None,
            ]
        )
    sheet.append(
        [
            _("Total"),
            "",
            sum(r.items_published for r in reports),
            "",
            *(sum(getattr(r, name) or 0 for r in reports) for name in QuarterlyReport.FIGURES),
            None,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    narratives = book.create_sheet(_("Narratives"))
    narratives.append(
        [_("District"), *(QuarterlyReport.label(name) for name in QuarterlyReport.NARRATIVES)]
    )
    for report in reports:
        narratives.append(
            [report.channel.name, *(getattr(report, name) for name in QuarterlyReport.NARRATIVES)]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def font_faces() -> str:
    """``@font-face`` rules for the PDF, pointing at the project's font files."""
    rules = []
    for family, pattern in PDF_FONTS:
        for weight in (400, 700):
            path = FONTS_DIR / pattern.format(weight=weight)
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                f'src: url("{path.as_uri()}") format("woff2"); }}'
            )
    return "\n".join(rules)


def pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, {**context, "font_faces": font_faces()})
    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf()
