"""Computing the dashboard's figures for every site and edition in a handful of aggregate
queries (never a query per page or per site), and storing them as one snapshot.

Definitions (shown on the dashboard too):

- an *item* is a live page below a section (depth ≥ 4: root, edition home, section, item);
  the edition's home, its sections and its info pages are not items;
- *published in the last N days* counts items first published in that window;
- a translated item is *current* when it is live and no desk job for it is open (an open job
  means its first translation or an update after a source change is still under way);
  *coverage* is the share of the site's live source items with a current translation;
- *lag* is the desk's figure for each translation published in the last 90 days: from the
  source's publication to the translation's; the median and the 90th percentile (nearest rank);
- *backlog* is the edition's open desk jobs, *overdue* those past their deadline and not yet
  approved.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.oversight.models import EditionFigures, FigureSnapshot
from cms.translation.models import TranslationJob
from locales.registry import SOURCE_LANGUAGE
from sites.models import HOME_PATH_LENGTH, Channel

ITEM_DEPTH = 4
WINDOWS = (7, 30, 90)
WEEKS = 12
LAG_WINDOW = datetime.timedelta(days=90)


@dataclass(frozen=True)
class Edition:
    channel: Channel
    language: str
    path: str
    locale_id: int


def editions() -> list[Edition]:
    """Every edition home of every publishing site (the city portal's directory excluded)."""
    channels = {
        channel.home_page.translation_key: channel
        for channel in Channel.objects.active()
        .exclude(kind=Channel.Kind.DIRECTORY)
        .select_related("home_page")
        if channel.home_page is not None
    }
    homes = Page.objects.filter(depth=2, translation_key__in=channels).values_list(
        "translation_key", "locale__language_code", "path", "locale_id"
    )
    found = [
        Edition(channels[key], language, path, locale_id)
        for key, language, path, locale_id in homes
        if language == SOURCE_LANGUAGE or language in channels[key].editions
    ]
    return sorted(found, key=lambda e: (e.channel.position, e.language != SOURCE_LANGUAGE))


def _items():
    """Items, with the path of their edition's home; unordered, so grouping is by home only."""
    return (
        Page.objects.filter(live=True, depth__gte=ITEM_DEPTH)
        .annotate(home=Substr("path", 1, HOME_PATH_LENGTH))
        .order_by()
    )


def _percentile(ordered: list[datetime.timedelta], share: float) -> datetime.timedelta:
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def _median(ordered: list[datetime.timedelta]) -> datetime.timedelta:
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _current_translations(paths: list[str]) -> dict[str, int]:
    """Per edition home: its translated items that are current. One aggregate over the items
    whose source is live (the source row found through Wagtail's (translation_key, locale)
    index), less those with an open desk job: open jobs are few, so their pages are looked up
    by key and subtracted here, rather than tested by a correlated subquery for each of
    possibly a million translated items."""
    source_locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    source_of = Page.objects.filter(
        live=True, locale_id=source_locale.pk, translation_key=OuterRef("translation_key")
    )
    translated = (
        _items()
        .filter(home__in=paths)
        .exclude(locale_id=source_locale.pk)
        .filter(Exists(source_of))
    )
    current = dict(translated.values("home").annotate(n=Count("pk")).values_list("home", "n"))
    pending = set(
        TranslationJob.objects.open()
        .order_by()
        .values_list("source_page__translation_key", "target_locale_id")
    )
    if pending:
        keys = {key for key, _locale in pending}
        for home, key, locale_id in translated.filter(translation_key__in=keys).values_list(
            "home", "translation_key", "locale_id"
        ):
            if (key, locale_id) in pending:
                current[home] -= 1
    return current


def compute(now: datetime.datetime | None = None) -> tuple[list[EditionFigures], int]:
    """The figures of every edition (unsaved rows) and how many items were counted."""
    now = now or timezone.now()
    found = editions()
    paths = [e.path for e in found]
    since = {days: now - datetime.timedelta(days=days) for days in WINDOWS}
    counts = {
        row["home"]: row
        for row in _items()
        .filter(home__in=paths)
        .values("home")
        .annotate(
            items=Count("pk"),
            last=Max("first_published_at"),
            **{
                f"n{days}": Count("pk", filter=Q(first_published_at__gte=start))
                for days, start in since.items()
            },
        )
    }
    today = timezone.localdate(now)
    first_day = today - datetime.timedelta(days=7 * WEEKS - 1)
    weekly: dict[str, list[int]] = defaultdict(lambda: [0] * WEEKS)
    for row in (
        _items()
        .filter(
            home__in=paths,
            first_published_at__date__gte=first_day,
            first_published_at__date__lte=today,
        )
        .annotate(day=TruncDate("first_published_at"))
        .values("home", "day")
        .annotate(n=Count("pk"))
    ):
        weekly[row["home"]][(row["day"] - first_day).days // 7] += row["n"]

    current = _current_translations(paths)

    lags: dict[tuple[int, str], list[datetime.timedelta]] = defaultdict(list)
    for channel_id, language, lag in TranslationJob.objects.filter(
        status=TranslationJob.Status.PUBLISHED,
        published_lag__isnull=False,
        updated_at__gte=now - LAG_WINDOW,
    ).values_list("channel_id", "target_locale__language_code", "published_lag"):
        if lag is not None:
            lags[(channel_id, language)].append(lag)
    backlog = {
        (row["channel_id"], row["target_locale__language_code"]): row
        for row in TranslationJob.objects.open()
        .order_by()
        .values("channel_id", "target_locale__language_code")
        .annotate(
            n=Count("pk"),
            overdue=Count(
                "pk",
                filter=~Q(status=TranslationJob.Status.APPROVED) & Q(deadline__lt=now),
            ),
        )
    }

    source_items = {
        e.channel.pk: counts.get(e.path, {}).get("items", 0)
        for e in found
        if e.language == SOURCE_LANGUAGE
    }
    rows = []
    for e in found:
        row = counts.get(e.path, {})
        is_source = e.language == SOURCE_LANGUAGE
        figures = EditionFigures(
            channel=e.channel,
            language=e.language,
            is_source=is_source,
            items=row.get("items", 0),
            last_published_at=row.get("last"),
            published_7=row.get("n7", 0),
            published_30=row.get("n30", 0),
            published_90=row.get("n90", 0),
            weekly=weekly[e.path] if e.path in weekly else [0] * WEEKS,
        )
        if not is_source:
            key = (e.channel.pk, e.language)
            ordered = sorted(lags.get(key, []))
            jobs = backlog.get(key, {})
            figures.source_items = source_items.get(e.channel.pk, 0)
            figures.current_translations = current.get(e.path, 0)
            figures.lag_samples = len(ordered)
            figures.lag_median = _median(ordered) if ordered else None
            figures.lag_p90 = _percentile(ordered, 0.9) if ordered else None
            figures.backlog = jobs.get("n", 0)
            figures.overdue = jobs.get("overdue", 0)
        rows.append(figures)
    return rows, sum(row.get("items", 0) for row in counts.values())


def refresh(now: datetime.datetime | None = None) -> FigureSnapshot:
    """Compute every figure and store it as the newest snapshot; older snapshots go."""
    started = timezone.now()
    rows, pages = compute(now)
    with transaction.atomic():
        snapshot = FigureSnapshot.objects.create(
            taken_at=now or timezone.now(), duration=timezone.now() - started, pages=pages
        )
        for row in rows:
            row.snapshot = snapshot
        EditionFigures.objects.bulk_create(rows)
        FigureSnapshot.objects.exclude(pk=snapshot.pk).delete()
    return snapshot


def latest() -> FigureSnapshot | None:
    return FigureSnapshot.objects.order_by("-taken_at").first()
