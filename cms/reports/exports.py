"""Exports: the roll-up of a quarter as an XLSX workbook (openpyxl) and one report, or the
roll-up, as PDF (WeasyPrint, with the project's own Lao, Khmer and Chinese fonts embedded so
names in those scripts print on a server without system fonts for them)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from cms.reports.models import QuarterlyReport
from locales.pdf import render as render_pdf


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


def pdf(template: str, context: dict) -> bytes:
    return render_pdf(render_to_string(template, context))
