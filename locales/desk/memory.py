"""Translation memory: every approved segment with its provenance; exact matches by hash,
fuzzy matches (similarity ≥ 75%) with rapidfuzz over an in-process index per language pair
that picks up new entries with one cheap query."""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import timezone
from rapidfuzz import fuzz, process
from wagtail_localize.models import StringSegment, StringTranslation

from locales.desk.models import MemoryEntry
from locales.text import nfc

FUZZY_THRESHOLD = 75
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
    def __init__(self) -> None:
        self.ids: list[int] = []
        self.texts: list[str] = []
        self.max_id = 0

    def refresh(self, source_language: str, target_language: str) -> None:
        entries = MemoryEntry.objects.filter(
            source_language=source_language, target_language=target_language
        )
        stats = entries.aggregate(count=Count("pk"), max_id=Max("pk"))
        if (stats["max_id"] or 0) == self.max_id and stats["count"] == len(self.ids):
            return
        if stats["count"] < len(self.ids) or (stats["max_id"] or 0) < self.max_id:
            self.ids, self.texts, self.max_id = [], [], 0
        for pk, text in (
            entries.filter(pk__gt=self.max_id)
            .order_by("pk")
            .values_list("pk", "source_text")
            .iterator(chunk_size=5000)
        ):
            self.ids.append(pk)
            self.texts.append(text)
            self.max_id = pk
        if stats["count"] != len(self.ids):  # entries were replaced: rebuild once
            self.ids, self.texts, self.max_id = [], [], 0
            self.refresh(source_language, target_language)


_indexes: dict[tuple[str, str], _PairIndex] = {}
_lock = threading.Lock()


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
        found = process.extract(
            text,
            index.texts,
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_THRESHOLD,
            limit=limit + len(exact),
        )
        scored = {index.ids[position]: score for _, score, position in found}
    fuzzy_ids = [pk for pk in scored if pk not in {m.entry.pk for m in matches}]
    entries = MemoryEntry.objects.in_bulk(fuzzy_ids)
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
