"""The badge list of an event: the journalists whose accreditation was approved, as CSV (for
the badge printer's software) and as a PDF to print, with the project's own fonts embedded so
names in Chinese, Lao or Khmer print as written."""

from __future__ import annotations

import csv
import io

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from cms.accreditation.models import AccreditationRequest
from cms.press.models import PressEventPage
from locales import pdf

COLUMNS = ("reference", "name", "outlet", "country", "email", "phone", "language")


def approved(event: PressEventPage) -> QuerySet[AccreditationRequest]:
    """Journalists approved for ``event`` whose data is still kept, by name."""
    return AccreditationRequest.objects.filter(
        events=event, status=AccreditationRequest.Status.APPROVED, erased_at__isnull=True
    ).order_by("name", "pk")


def as_csv(event: PressEventPage) -> bytes:
    """UTF-8 with a byte-order mark, which spreadsheet programs need to read the names."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for item in approved(event):
        writer.writerow([getattr(item, column) for column in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def as_pdf(event: PressEventPage) -> bytes:
    html = render_to_string(
        "accreditation/admin/badges_pdf.html",
        {"event": event, "journalists": approved(event), "printed_at": timezone.now()},
    )
    return pdf.render(html)
