"""The dashboard, its CSV export, its drill-down to an edition's items and the on-demand
refresh. Read-only for oversight staff and superusers; every other user is refused.

The dashboard reads only the newest snapshot (two queries, whatever the number of pages) and
the procedures overdue for review (two more, whatever their number);
the drill-down reads one edition's newest items, a fixed number of rows."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Page

from cms.editorial.permissions import can_view_oversight
from cms.oversight import charts, figures, tasks
from cms.oversight.models import EditionFigures
from cms.oversight.stale import is_stale, stale_days
from cms.oversight.targets import measure
from cms.procedures import reviews
from cms.translation.models import TranslationJob
from locales.registry import SOURCE_LANGUAGE
from sites.models import HOME_PATH_LENGTH, Channel

KINDS = (Channel.Kind.CHANNEL, Channel.Kind.DISTRICT)
DRILL_DOWN_ITEMS = 50


def _check(request: HttpRequest) -> None:
    if not (request.user.is_authenticated and can_view_oversight(request.user)):
        raise PermissionDenied


def hours(value: datetime.timedelta | None) -> str:
    return f"{value.total_seconds() / 3600:.1f}" if value is not None else ""


@dataclass
class Row:
    """An edition's stored figures with what depends on the moment of viewing (staleness)
    and how they are shown; the stored fields are read through."""

    figures: EditionFigures
    stale: bool
    lag_median_hours: str
    lag_p90_hours: str
    trend: SafeString

    def __getattr__(self, name: str) -> Any:
        return getattr(self.figures, name)


@dataclass
class SiteFigures:
    """One site's editions, source first."""

    channel: Channel
    rows: list[Row] = field(default_factory=list)


def _rows(figures_rows: Iterable[EditionFigures], now: datetime.datetime) -> list[Row]:
    label = _("New items per week")
    return [
        Row(
            row,
            is_stale(row, now),
            hours(row.lag_median),
            hours(row.lag_p90),
            charts.sparkline(row.weekly, label=label),
        )
        for row in figures_rows
    ]


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in KINDS else ""


def dashboard(request: HttpRequest) -> HttpResponse:
    """Every site and edition from the newest snapshot, filtered by kind; ``?format=csv``
    downloads the same rows."""
    _check(request)
    kind = _kind(request)
    snapshot = figures.latest()
    rows: list[Row] = []
    if snapshot is not None:
        queryset = snapshot.rows.select_related("channel")
        if kind:
            queryset = queryset.filter(channel__kind=kind)
        rows = _rows(queryset, timezone.now())
    if request.GET.get("format") == "csv":
        return _csv(rows, snapshot.taken_at if snapshot else None)
    sites: dict[int, SiteFigures] = {}
    for row in rows:
        sites.setdefault(row.channel_id, SiteFigures(row.channel)).rows.append(row)
    weeks = [0] * figures.WEEKS
    coverage: dict[str, list[int]] = {}
    for row in rows:
        weeks = [a + b for a, b in zip(weeks, row.weekly, strict=False)]
        if not row.is_source:
            counts = coverage.setdefault(row.language, [0, 0])
            counts[0] += row.current_translations
            counts[1] += row.source_items
    coverage_chart = [
        (language, round(100 * done / total) if total else 0)
        for language, (done, total) in sorted(coverage.items())
    ]
    return TemplateResponse(
        request,
        "oversight/dashboard.html",
        {
            "header_title": _("Oversight dashboard"),
            "snapshot": snapshot,
            "age": timezone.now() - snapshot.taken_at if snapshot else None,
            "sites": list(sites.values()),
            "alerts": [row for row in rows if row.stale and row.is_source],
            "overdue_reviews": reviews.overdue(),
            "targets": measure(row.figures for row in rows),
            "kind": kind,
            "kinds": [(k.value, k.label) for k in KINDS],
            "stale_limits": [(k.label, stale_days(k.value)) for k in KINDS],
            "weekly_chart": charts.bars(weeks, label=_("New items per week, all editions shown")),
            "coverage_chart": charts.bars(
                [share for _code, share in coverage_chart],
                label=_("Translation coverage per language (%)"),
            ),
            "coverage_languages": [code for code, _share in coverage_chart],
        },
    )


def _csv(rows: list[Row], taken_at: datetime.datetime | None) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="oversight-dashboard.csv"'
    response.write("\ufeff")  # spreadsheet programs read UTF-8 only after a byte-order mark
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Site"),
            _("Slug"),
            _("Kind"),
            _("Language"),
            _("Live items"),
            _("Last publication"),
            _("Last 7 days"),
            _("Last 30 days"),
            _("Last 90 days"),
            _("Source items"),
            _("Current translations"),
            _("Coverage (%)"),
            _("Median lag (hours)"),
            _("90th percentile lag (hours)"),
            _("Backlog"),
            _("Overdue"),
            _("Stale"),
            _("Computed at"),
        ]
    )
    for row in rows:
        coverage = row.coverage
        writer.writerow(
            [
                row.channel.name,
                row.channel.slug,
                row.channel.kind,
                row.language,
                row.items,
                row.last_published_at.isoformat() if row.last_published_at else "",
                row.published_7,
                row.published_30,
                row.published_90,
                row.source_items if not row.is_source else "",
                row.current_translations if not row.is_source else "",
                f"{100 * coverage:.1f}" if coverage is not None else "",
                row.lag_median_hours,
                row.lag_p90_hours,
                row.backlog if not row.is_source else "",
                row.overdue if not row.is_source else "",
                "1" if row.stale else "0",
                taken_at.isoformat() if taken_at else "",
            ]
        )
    return response


def edition(request: HttpRequest, site: str, language: str) -> HttpResponse:
    """One edition's newest items and, for a translated edition, the source items still
    without a current translation and the open desk jobs."""
    _check(request)
    channel = get_object_or_404(Channel, slug=site)
    if channel.home_page is None or (
        language != SOURCE_LANGUAGE and language not in channel.editions
    ):
        raise Http404
    home = Page.objects.filter(
        depth=2, translation_key=channel.home_page.translation_key, locale__language_code=language
    ).first()
    if home is None:
        raise Http404
    items = (
        Page.objects.filter(live=True, depth__gte=figures.ITEM_DEPTH, path__startswith=home.path)
        .order_by("-first_published_at")
        .only("pk", "title", "first_published_at", "last_published_at")[:DRILL_DOWN_ITEMS]
    )
    missing = jobs = None
    if language != SOURCE_LANGUAGE:
        prefix = channel.home_page.path[:HOME_PATH_LENGTH]
        translated = Page.objects.filter(
            live=True, locale__language_code=language, path__startswith=home.path
        ).values("translation_key")
        missing = (
            Page.objects.filter(live=True, depth__gte=figures.ITEM_DEPTH, path__startswith=prefix)
            .exclude(translation_key__in=translated)
            .order_by("-first_published_at")
            .only("pk", "title", "first_published_at")[:DRILL_DOWN_ITEMS]
        )
        jobs = (
            TranslationJob.objects.open()
            .filter(channel=channel, target_locale__language_code=language)
            .select_related("source_page", "assignee")
            .order_by("deadline")[:DRILL_DOWN_ITEMS]
        )
    return TemplateResponse(
        request,
        "oversight/edition.html",
        {
            "header_title": f"{channel.name} · {language}",
            "channel": channel,
            "language": language,
            "items": items,
            "missing": missing,
            "jobs": jobs,
            "now": timezone.now(),
            "limit": DRILL_DOWN_ITEMS,
        },
    )


@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    """Recompute the figures now (on the worker; at once where tasks run immediately)."""
    _check(request)
    tasks.refresh_figures.enqueue(force=True)
    messages.success(request, _("The figures are being recomputed; reload in a moment."))
    return redirect("oversight_dashboard")
