"""Storing a feed's entries as clippings: only entries that match a keyword rule; an entry
already seen (same address) is skipped; one whose title is near-identical to a recent
clipping's (same words once case, accents and punctuation are set aside, or nearly the same
sequence of them) is merged into it as another sighting."""

from __future__ import annotations

import calendar
import datetime
import difflib
import html

from django.utils import timezone
from django.utils.html import strip_tags

from cms.monitoring.matching import Matcher, title_key
from cms.monitoring.models import Clipping, Sighting, Source
from locales.text import nfc

#: How far back a new entry's title is compared with earlier clippings.
MERGE_WINDOW = datetime.timedelta(days=14)
#: Titles at least this similar (difflib ratio of their keys) are the same story.
SIMILAR_TITLES = 0.9
EXCERPT_LENGTH = 2000


def _text(value: str) -> str:
    return " ".join(html.unescape(strip_tags(nfc(value or ""))).split())


def _published(entry) -> datetime.datetime:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return timezone.now()
    return datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)


def _language(entry, source: Source) -> str:
    detail = entry.get("title_detail") or {}
    return (detail.get("language") or source.language or "")[:16]


class _Recent:
    """Title keys of recent clippings, to merge near-identical stories."""

    def __init__(self) -> None:
        since = timezone.now() - MERGE_WINDOW
        self.keys = dict(
            Clipping.objects.filter(published_at__gte=since).values_list("title_key", "pk")
        )

    def find(self, key: str) -> int | None:
        if key in self.keys:
            return self.keys[key]
        for known, pk in self.keys.items():
            if difflib.SequenceMatcher(None, key, known).ratio() >= SIMILAR_TITLES:
                return pk
        return None


def store(source: Source, entries: list, matcher: Matcher) -> int:
    """Record the matching ``entries`` of ``source``; returns how many new clippings."""
    recent = _Recent()
    urls = [nfc(entry.get("link", "")).strip() for entry in entries]
    seen = set(Sighting.objects.filter(url__in=urls).values_list("url", flat=True))
    created = 0
    for url, entry in zip(urls, entries, strict=True):
        title = _text(entry.get("title", ""))[:500]
        if not url.startswith(("http://", "https://")) or len(url) > 1000 or not title:
            continue
        if url in seen:
            continue
        excerpt = _text(entry.get("summary", ""))[:EXCERPT_LENGTH]
        matched = matcher.matches(title, excerpt)
        if not matched:
            continue
        seen.add(url)
        key = title_key(title)
        existing = recent.find(key)
        if existing is None:
            clipping = Clipping.objects.create(
                source=source,
                url=url,
                title=title,
                title_key=key,
                excerpt=excerpt,
                language=_language(entry, source),
                published_at=_published(entry),
                matched=", ".join(matched)[:500],
            )
            recent.keys[key] = existing = clipping.pk
            created += 1
        Sighting.objects.create(clipping_id=existing, source=source, url=url)
    return created
