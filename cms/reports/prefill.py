"""The figures of a report that the CMS knows: the district portal's items first published in
the quarter, per edition, and the editions that published any (two queries)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page

from cms.reports.models import QuarterlyReport, quarter_end, quarter_start
from locales.registry import CODES
from sites.models import HOME_PATH_LENGTH

ITEM_DEPTH = 4  # root, edition home, section, item


def _bounds(report: QuarterlyReport) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(
        quarter_start(report.year, report.quarter), datetime.time(), zone
    )
    end = datetime.datetime.combine(
        quarter_end(report.year, report.quarter) + datetime.timedelta(days=1), datetime.time(), zone
    )
    return start, end


def prefill(report: QuarterlyReport) -> None:
    """Set the CMS-known figures on ``report`` (not saved)."""
    home = report.channel.home_page
    if home is None:
        return
    start, end = _bounds(report)
    homes = list(
        Page.objects.filter(depth=2, translation_key=home.translation_key).values_list(
            "path", flat=True
        )
    )
    in_editions = Q()
    for path in homes:
        in_editions |= Q(path__startswith=path[:HOME_PATH_LENGTH])
    counts = dict(
        Page.objects.filter(
            in_editions,
            live=True,
            depth__gte=ITEM_DEPTH,
            first_published_at__gte=start,
            first_published_at__lt=end,
        )
        .order_by()
        .values("locale__language_code")
        .annotate(n=Count("pk"))
        .values_list("locale__language_code", "n")
    )
    report.items_by_language = {code: counts[code] for code in CODES if counts.get(code)}
    report.items_published = sum(counts.values())
    report.languages = list(report.items_by_language)
