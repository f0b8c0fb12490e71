"""The digest of foreign-press coverage for the city's leaders: the clippings marked ready in
a period, grouped by topic, with tone, the Vietnamese summary, the outlet and the address.

Written in Vietnamese whatever the staff member's language. The PDF (WeasyPrint) embeds the
project's own fonts for the scripts the original titles are in (Lao, Khmer, Chinese: no system
fonts cover them); the DOCX (python-docx) is for editing before it is sent on.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt

from cms.monitoring.models import Clipping, Digest
from locales import pdf

DIGEST_LANGUAGE = "vi"


@dataclass
class Group:
    topic: str
    clippings: list[Clipping]


def clippings_for(start: datetime.date, end: datetime.date) -> list[Clipping]:
    """The clippings ready for the digest published from ``start`` to ``end`` (inclusive)."""
    return list(
        Clipping.objects.filter(
            status=Clipping.Status.READY,
            published_at__date__gte=start,
            published_at__date__lte=end,
        )
        .select_related("source", "topic")
        .prefetch_related("sightings__source")
        .order_by("topic__slug", "-published_at", "pk")
    )


def grouped(clippings: list[Clipping]) -> list[Group]:
    groups: dict[str, Group] = {}
    for clipping in clippings:
        name = clipping.topic.name if clipping.topic else _("Other topics")
        groups.setdefault(name, Group(name, [])).clippings.append(clipping)
    return list(groups.values())


def render_pdf(start: datetime.date, end: datetime.date, clippings: list[Clipping]) -> bytes:
    html = render_to_string(
        "monitoring/digest.html",
        {
            "start": start,
            "end": end,
            "groups": grouped(clippings),
            "count": len(clippings),
            "made_at": timezone.localtime(),
        },
    )
    return pdf.render(html)


def render_docx(start: datetime.date, end: datetime.date, clippings: list[Clipping]) -> bytes:
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(_("Foreign press on Hanoi"), level=0)
    document.add_paragraph(_period(start, end))
    document.add_paragraph(_("%(count)s clippings") % {"count": len(clippings)})
    for group in grouped(clippings):
        document.add_heading(group.topic, level=1)
        for clipping in group.clippings:
            document.add_heading(clipping.title, level=2)
            document.add_paragraph(_byline(clipping))
            document.add_paragraph(clipping.summary_vi or _("(no Vietnamese summary)"))
            document.add_paragraph(clipping.url)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _period(start: datetime.date, end: datetime.date) -> str:
    return _("From %(start)s to %(end)s") % {
        "start": f"{start:%d/%m/%Y}",
        "end": f"{end:%d/%m/%Y}",
    }


def _byline(clipping: Clipping) -> str:
    tone = clipping.get_tone_display() if clipping.tone else _("tone not assessed")
    return f"{clipping.source.name} · {timezone.localtime(clipping.published_at):%d/%m/%Y} · {tone}"


def make(start: datetime.date, end: datetime.date) -> Digest:
    """Make and store the digest of ``start`` to ``end`` (inclusive)."""
    with translation.override(DIGEST_LANGUAGE):
        clippings = clippings_for(start, end)
        pdf = render_pdf(start, end, clippings)
        docx = render_docx(start, end, clippings)
    with transaction.atomic():
        return Digest.objects.create(
            period_start=start, period_end=end, clippings=len(clippings), pdf=pdf, docx=docx
        )


def last_week(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """Monday to Sunday of the week before ``today``'s."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    return monday, monday + datetime.timedelta(days=6)


def weekly_due(today: datetime.date | None = None) -> bool:
    """Whether last week's digest is still to be made."""
    start, end = last_week(today)
    return not Digest.objects.filter(period_start=start, period_end=end).exists()


def weekly_if_due(today: datetime.date | None = None) -> Digest | None:
    """Make last week's digest unless it exists."""
    if not weekly_due(today):
        return None
    return make(*last_week(today))
