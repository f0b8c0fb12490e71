"""Translation memory: every approved segment with its provenance; exact matches by hash,
fuzzy matches (similarity ≥ 75%) with rapidfuzz over an in-process index per language pair
that picks up new entries with one cheap query."""

from __future__ import annotations

import hashlib
import math
import re
import threading
import time
from array import array
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone
from rapidfuzz import fuzz, process
from wagtail_localize.models import StringSegment, StringTranslation

from locales.desk.models import MemoryEntry
from locales.text import nfc

FUZZY_THRESHOLD = 75
# Fuzzy candidates share at least this share of the query's distinct words (a heuristic: a
# segment ≥ 75% similar character by character almost always does).
SHARED = 0.7
MEMORY_TOOL = "memory"
POST_EDITED_PREFIX = "post-edited: "


def text_hash(text: str) -> str:
    return hashlib.sha256(nfc(text).encode()).hexdigest()


@dataclass(frozen=True)
class Match:
    entry: MemoryEntry
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 100


class _PairIndex:
    """An inverted index of one language pair's source words. A fuzzy lookup scores only the
    entries that share one of the query's rarer words and lie in the length band that can
    reach the threshold: a text ≥ 75% similar shares most of the query's words (so at least one
    of its rarer words) and is at least 60% as long as the longer of the two."""

    RECOUNT_SECONDS = 60
    MAX_CANDIDATES = 10_000

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.ids: list[int] = []
        self.postings: dict[str, array] = {}
        self.max_id = 0
        self.counted_at = 0.0

    def refresh(self, source_language: str, target_language: str) -> None:
        """Pick up new entries (one query on the primary key); every minute also compare the
        count, which catches deletions made elsewhere and rebuilds the index."""
        entries = MemoryEntry.objects.filter(
            source_language=source_language, target_language=target_language
        )
        now = time.monotonic()
        if now - self.counted_at > self.RECOUNT_SECONDS:
            self.counted_at = now
            if entries.filter(pk__lte=self.max_id).count() != len(self.ids):
                self.__init__()
                self.counted_at = now
        latest = MemoryEntry.objects.aggregate(latest=Max("pk"))["latest"] or 0
        if latest <= self.max_id:
            return
        for pk, text in entries.filter(pk__gt=self.max_id).values_list("pk", "source_text"):
            position = len(self.texts)
            self.texts.append(text)
            self.ids.append(pk)
            for word in _words(text):
                self.postings.setdefault(word, array("I")).append(position)
        self.max_id = latest

    def search(self, text: str, limit: int) -> dict[int, float]:
        words = sorted(_words(text), key=lambda w: len(self.postings.get(w, ())))
        # a candidate sharing SHARED of the query's words has one among its rarest `probe`
        probe = len(words) - math.ceil(len(words) * SHARED) + 1
        candidates: set[int] = set()
        for taken, word in enumerate(words[:probe], start=1):
            candidates.update(self.postings.get(word, ()))
            if len(candidates) > self.MAX_CANDIDATES and taken >= 2:
                break
        low, high = len(text) * 0.6, len(text) / 0.6
        positions = [p for p in candidates if low <= len(self.texts[p]) <= high]
        found = process.extract(
            text,
            [self.texts[p] for p in positions],
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_THRESHOLD,
            limit=limit,
        )
        return {self.ids[positions[index]]: score for _, score, index in found}


_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


_indexes: dict[tuple[str, str], _PairIndex] = {}
_lock = threading.Lock()


def forget_indexes(**kwargs) -> None:
    """Drop the in-process indexes (after deletions); the next lookup rebuilds them."""
    with _lock:
        _indexes.clear()


def lookup(text: str, source_language: str, target_language: str, limit: int = 3) -> list[Match]:
    """Exact matches first (newest first), then fuzzy ones by similarity."""
    text = nfc(text)
    exact = list(
        MemoryEntry.objects.filter(
            source_language=source_language,
            target_language=target_language,
            source_hash=text_hash(text),
        ).order_by("-created_at")[:limit]
    )
    matches = [Match(entry, 100.0) for entry in exact]
    with _lock:
        index = _indexes.setdefault((source_language, target_language), _PairIndex())
        index.refresh(source_language, target_language)
        scored = index.search(text, limit + len(exact))
    seen = {m.entry.pk for m in matches}
    fuzzy_ids = [pk for pk in scored if pk not in seen]
    entries = MemoryEntry.objects.in_bulk(fuzzy_ids) if fuzzy_ids else {}
    fuzzy = sorted(
        (
            Match(entries[pk], min(scored[pk], 99.9))
            for pk in fuzzy_ids
            if pk in entries and entries[pk].source_text != text
        ),
        key=lambda m: -m.score,
    )
    return (matches + fuzzy)[:limit]


def provenance_of(string_translation: StringTranslation) -> str:
    tool = string_translation.tool_name
    if tool == MEMORY_TOOL:
        return MemoryEntry.Provenance.MEMORY
    if tool.startswith(POST_EDITED_PREFIX):
        return MemoryEntry.Provenance.POST_EDITED
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return MemoryEntry.Provenance.MACHINE
    return MemoryEntry.Provenance.HUMAN


def add_entries(entries: list[MemoryEntry]) -> None:
    """Insert, or refresh the provenance and date of, memory entries."""
    for entry in entries:
        entry.source_text, entry.target_text = nfc(entry.source_text), nfc(entry.target_text)
        entry.source_hash = text_hash(entry.source_text)
        entry.target_hash = text_hash(entry.target_text)
    MemoryEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["source_language", "target_language", "source_hash", "target_hash"],
        update_fields=["translator", "provenance", "tool_name", "job", "channel", "created_at"],
    )


def job_segments(job):
    """The job's string segments with their current translation rows (or None)."""
    source = job.translation.source
    segments = list(
        StringSegment.objects.filter(source=source).select_related("string").order_by("order")
    )
    translations = {
        (st.translation_of_id, st.context_id): st
        for st in StringTranslation.objects.filter(
            locale_id=job.target_locale_id, context__object_id=source.object_id, has_error=False
        )
    }
    return [
        (segment, translations.get((segment.string_id, segment.context_id))) for segment in segments
    ]


def record_job(job, reviewer=None) -> int:
    """Store every translated segment of an approved job."""
    now = timezone.now()
    entries = [
        MemoryEntry(
            source_language=job.translation.source.locale.language_code,
            target_language=job.language,
            source_text=segment.string.data,
            target_text=st.data,
            channel=job.channel,
            translator=st.last_translated_by or job.assignee,
            provenance=provenance_of(st),
            tool_name=st.tool_name,
            job=job,
            created_at=now,
        )
        for segment, st in job_segments(job)
        if st is not None and st.data.strip()
    ]
    if entries:
        add_entries(entries)
    return len(entries)


def apply_exact_matches(job, user) -> int:
    """Fill every untranslated segment that has an exact memory match; returns how many."""
    source_language = job.translation.source.locale.language_code
    missing = [segment for segment, st in job_segments(job) if st is None]
    hashes: dict[str, list] = defaultdict(list)
    for segment in missing:
        hashes[text_hash(segment.string.data)].append(segment)
    best: dict[str, MemoryEntry] = {}
    for entry in MemoryEntry.objects.filter(
        source_language=source_language,
        target_language=job.language,
        source_hash__in=list(hashes),
    ).order_by("created_at"):
        best[entry.source_hash] = entry  # newest wins
    created = 0
    for digest, entry in best.items():
        for segment in hashes[digest]:
            _, made = StringTranslation.objects.get_or_create(
                translation_of_id=segment.string_id,
                locale_id=job.target_locale_id,
                context_id=segment.context_id,
                defaults={
                    "data": entry.target_text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": MEMORY_TOOL,
                    "last_translated_by": user,
                },
            )
            created += made
    return created


def exact_match_count(texts: list[str], source_language: str, target_language: str) -> int:
    """How many of ``texts`` have an exact memory match (one query)."""
    hashes = {text_hash(text) for text in texts}
    found = set(
        MemoryEntry.objects.filter(
            source_language=source_language,
            target_language=target_language,
            source_hash__in=list(hashes),
        ).values_list("source_hash", flat=True)
    )
    return sum(1 for text in texts if text_hash(text) in found)
