"""Translation memory: every approved segment with its provenance; exact matches by hash,
fuzzy matches (similarity ≥ ``DESK_FUZZY_THRESHOLD``, 75 % by default, rapidfuzz
``fuzz.ratio``) from word postings kept in the database; ``DESK_SUGGESTIONS`` matches per segment
(settings).

How fuzzy candidates are chosen (figures in docs/translation-desk.md, "Measured"):

- A segment's keys are its words (casefolded), a word's second occurrence counting as a key of
  its own, each filed under the segment's length bucket (powers of 1.25 characters). A lookup
  reads only the buckets of its length band: a text with ratio ≥ 75 is between 0.6 and 1/0.6
  times as long as the query (2·min/(a+b) ≥ 0.75), which is exact.
- A candidate shares at least ``SHARED`` (40 %) of the query's keys. That is a measured bound,
  not a proof: a string can reach 75 % sharing no word (one letter changed in every word), but
  near-duplicates made by replacing, inserting and deleting words shared at least 43 % at the
  threshold in about 120,000 generated pairs (50 % beyond eight words). Keys held by more than
  ``COMMON`` of the entries in the band are left out of the count when at least ``KEEP``
  others remain and the band holds at least ``COMMON_FROM`` entries, so that common words do
  not make every paragraph a candidate. In a smaller memory every key counts: there "common"
  meant held by a handful of entries, and a paragraph with a sentence added (78 % similar),
  whose old words were all "common", was offered nothing.
- Every candidate is scored with rapidfuzz; none is dropped by a cap.

Storage: the postings of a language pair's entries up to some id are persisted as runs
(``MemoryIndexRun``, one ``MemoryIndexPosting`` row per key and run); newer entries (the
tail, fewer than ``FLUSH_AT``) are read and split into words by each process. ``add_entries``
writes a run once ``FLUSH_AT`` entries are pending and merges ``FANOUT`` runs of one level into
one, so a pair has a few runs. A process loads the postings of a query's keys the first time
they are needed and keeps them: the first lookup in a new process reads some rows instead of
rebuilding an index of the whole memory. Exact matches never depend on any of this."""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from rapidfuzz import fuzz, process
from wagtail_localize.models import StringSegment, StringTranslation

from cms.translation.models import MemoryEntry, MemoryIndexPair, MemoryIndexPosting, MemoryIndexRun
from locales.text import nfc

SHARED = 0.4  # a candidate shares at least this share of the query's keys
REPEATS = 2  # a word's first and second occurrences are keys; further ones are not
BUCKET_BASE = 1.25  # length buckets: powers of 1.25 characters
COMMON = 0.1  # keys in more than this share of the band's entries ...
KEEP = 12  # ... are not counted when at least this many other keys remain ...
COMMON_FROM = 1000  # ... and the band holds at least this many entries
FLUSH_AT = 1000  # pending entries that make a new run
FANOUT = 4  # runs of one level merged into one of the next
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


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=200_000)
def _word_key(word: str, occurrence: int) -> int:
    """56 bits of a hash of the word, shifted to leave 7 bits for the length bucket."""
    digest = hashlib.blake2b(f"{occurrence}\x1f{word}".encode(), digest_size=7).digest()
    return int.from_bytes(digest, "big") << 7


def _words(text: str) -> list[int]:
    """The text's word keys without bucket, each once."""
    seen: dict[str, int] = {}
    keys = []
    for word in _WORD.findall(text.casefold()):
        occurrence = seen[word] = seen.get(word, 0) + 1
        if occurrence <= REPEATS:
            keys.append(_word_key(word, occurrence))
    return keys


def _bucket(length: int) -> int:
    return min(127, int(math.log(max(length, 1)) / math.log(BUCKET_BASE)))


def fuzzy_threshold() -> int:
    """The similarity (%) from which a memory entry is offered: ``DESK_FUZZY_THRESHOLD``."""
    return settings.DESK_FUZZY_THRESHOLD


def _band(length: int) -> tuple[int, int]:
    """The lengths a text similar to one of ``length`` characters at the threshold ``t`` can
    have: 2·min/(a+b) ≥ t/100, so between t/(200−t) and (200−t)/t times as long."""
    t = fuzzy_threshold()
    return (t * length + 199 - t) // (200 - t), (200 - t) * length // t


def _dtype(span: int) -> str:
    return "<u4" if span < 2**32 else "<u8"


def _chunks(values: list, size: int):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _PairIndex:
    """One process's view of a language pair's fuzzy index: the runs it knows, the postings
    it has loaded from them, the tail of newer entries and the texts it has read."""

    def __init__(self, source_language: str, target_language: str) -> None:
        self.pair = {"source_language": source_language, "target_language": target_language}
        self.runs: dict[int, tuple[int, int]] = {}  # run → (first_id, last_id)
        self.lengths: dict[int, dict[str, int]] = {}  # run → entries per length bucket
        self.postings: dict[tuple[int, int], np.ndarray | None] = {}
        self.covered = 0
        self.tail: dict[int, list[int]] = defaultdict(list)
        self.tail_lengths: Counter = Counter()
        self.tail_size = 0
        self.tail_seen = 0
        self.texts: dict[int, str] = {}
        self.deleted: set[int] = set()

    def _read_runs(self) -> tuple[dict, dict]:
        rows = MemoryIndexRun.objects.filter(**self.pair).values_list(
            "pk", "first_id", "last_id", "lengths"
        )
        return {pk: (first, last) for pk, first, last, _ in rows}, {
            pk: lengths for pk, _, _, lengths in rows
        }

    def _use_runs(self, runs: dict, lengths: dict) -> None:
        self.postings = {
            key: value
            for key, value in self.postings.items()
            if runs.get(key[0]) == self.runs.get(key[0])
        }
        self.runs, self.lengths = runs, lengths
        covered = max((last for _, last in runs.values()), default=0)
        if covered != self.covered:
            self.covered = self.tail_seen = covered
            self.tail, self.tail_lengths, self.tail_size = defaultdict(list), Counter(), 0

    def refresh(self) -> None:
        """Follow new runs and read entries newer than the runs; index them first when
        ``FLUSH_AT`` or more are pending (entries written without ``add_entries``)."""
        for attempt in range(3):
            runs, lengths = self._read_runs()
            if runs != self.runs:
                self._use_runs(runs, lengths)
            new = list(
                MemoryEntry.objects.filter(**self.pair, pk__gt=self.tail_seen)
                .order_by("pk")
                .values_list("pk", "source_text")
            )
            if self.tail_size + len(new) < FLUSH_AT or attempt == 2:
                break
            index_pending(self.pair["source_language"], self.pair["target_language"])
        for pk, text in new:
            self.texts[pk] = text
            bucket = _bucket(len(text))
            for word in _words(text):
                self.tail[word | bucket].append(pk)
            self.tail_lengths[str(bucket)] += 1
            self.tail_size += 1
            self.tail_seen = pk

    def _load(self, keys: list[int]) -> bool:
        """Load the postings of ``keys`` from every known run; False if the runs changed
        meanwhile (a merge), when the caller starts again."""
        missing = sorted(
            {key for run in self.runs for key in keys if (run, key) not in self.postings}
        )
        if not missing:
            return True
        found = {}
        for chunk in _chunks(missing, 500):
            rows = MemoryIndexPosting.objects.filter(run__in=list(self.runs), key__in=chunk)
            for run, key, ids in rows.values_list("run_id", "key", "ids"):
                found[run, key] = ids
        for run, (first, last) in self.runs.items():
            for key in missing:
                blob = found.get((run, key))
                self.postings[run, key] = (
                    None if blob is None else np.frombuffer(bytes(blob), dtype=_dtype(last - first))
                )
        runs, lengths = self._read_runs()
        if runs == self.runs:
            return True
        self._use_runs(runs, lengths)
        return False

    def _texts(self, ids: list[int]) -> dict[int, str]:
        missing = [pk for pk in ids if pk not in self.texts]
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for chunk in _chunks(missing, 900):  # plain SQL: thousands of short texts at times
                cursor.execute(
                    "SELECT {}, {} FROM {} WHERE {} IN ({})".format(
                        quote("id"),
                        quote("source_text"),
                        quote(MemoryEntry._meta.db_table),
                        quote("id"),
                        ", ".join(["%s"] * len(chunk)),
                    ),
                    chunk,
                )
                self.texts.update(cursor.fetchall())
        return {pk: self.texts[pk] for pk in ids if pk in self.texts and pk not in self.deleted}

    def candidates(self, text: str) -> list[int]:
        """Entries in the length band that share at least ``SHARED`` of the counted keys."""
        low, high = _band(len(text))
        buckets = range(_bucket(low), _bucket(high) + 1)
        keys = {word: [word | bucket for bucket in buckets] for word in _words(text)}
        if not keys:
            return []
        for _attempt in range(3):
            if self._load([key for group in keys.values() for key in group]):
                break
        sizes = {
            word: sum(
                len(array)
                for key in group
                for run in self.runs
                if (array := self.postings[run, key]) is not None
            )
            + sum(len(self.tail.get(key, ())) for key in group)
            for word, group in keys.items()
        }
        population = sum(
            counts.get(str(bucket), 0)
            for counts in [*self.lengths.values(), self.tail_lengths]
            for bucket in buckets
        )
        counted = [word for word in keys if sizes[word] <= COMMON * population]
        if len(counted) < KEEP or population < COMMON_FROM:
            counted = list(keys)
        need = max(1, math.ceil(SHARED * len(counted)))
        found: list[int] = []
        for run, (first, _last) in self.runs.items():
            arrays = [
                array
                for word in counted
                for key in keys[word]
                if (array := self.postings[run, key]) is not None
            ]
            if arrays:
                hits = np.bincount(np.concatenate(arrays))
                found.extend((np.flatnonzero(hits >= need) + first).tolist())
        if self.tail_size:
            tail_hits: Counter[int] = Counter()
            for word in counted:
                for key in keys[word]:
                    tail_hits.update(self.tail.get(key, ()))
            found.extend(pk for pk, count in tail_hits.items() if count >= need)
        return found

    def search(self, text: str, limit: int) -> dict[int, float]:
        low, high = _band(len(text))
        pool = [
            (pk, candidate)
            for pk, candidate in self._texts(self.candidates(text)).items()
            if low <= len(candidate) <= high
        ]
        found = process.extract(
            text,
            [candidate for _, candidate in pool],
            scorer=fuzz.ratio,
            score_cutoff=fuzzy_threshold(),
            limit=limit,
        )
        return {pool[index][0]: score for _, score, index in found}


_indexes: dict[tuple[str, str], _PairIndex] = {}
_lock = threading.Lock()


def forget_indexes(instance=None, **kwargs) -> None:
    """Connected to MemoryEntry's post_delete: this process stops offering the entry (others
    notice when they fetch it). Called without an entry (tests, after a rollback): drop all
    in-process state; the persisted index is read again."""
    with _lock:
        if instance is None:
            _indexes.clear()
        elif index := _indexes.get((instance.source_language, instance.target_language)):
            index.deleted.add(instance.pk)


def _lock_pair(source_language: str, target_language: str) -> None:
    """Serialise the writers of one pair's memory (inside a transaction): their entries are
    committed in id order, so an id below the tail's never appears later."""
    pair = {"source_language": source_language, "target_language": target_language}
    if not MemoryIndexPair.objects.filter(**pair).exists():
        try:
            with transaction.atomic():
                MemoryIndexPair.objects.create(**pair)
        except IntegrityError:
            pass  # created by a concurrent writer
    list(MemoryIndexPair.objects.select_for_update().filter(**pair))


def _level(entries: int) -> int:
    level, size = 0, FLUSH_AT * FANOUT
    while entries >= size:
        level, size = level + 1, size * FANOUT
    return level


def _write_postings(run: MemoryIndexRun, postings: dict[int, np.ndarray]) -> None:
    """Plain INSERTs: model instances would cost more than the rest of the indexing."""
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}, {}, {}) VALUES (%s, %s, %s)".format(
        quote(MemoryIndexPosting._meta.db_table), quote("run_id"), quote("key"), quote("ids")
    )
    rows = [(run.pk, key, ids.tobytes()) for key, ids in postings.items()]
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, 5000):
            cursor.executemany(sql, chunk)


def _delete_runs(runs: list[int]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM {} WHERE {} IN ({})".format(
                quote(MemoryIndexPosting._meta.db_table),
                quote("run_id"),
                ", ".join(["%s"] * len(runs)),
            ),
            runs,
        )
    MemoryIndexRun.objects.filter(pk__in=runs).delete()


def index_pending(source_language: str, target_language: str, at_least: int = 1) -> int:
    """Index the pair's entries newer than its runs as a new run when there are at least
    ``at_least``, then merge runs; returns how many entries were indexed."""
    pair = {"source_language": source_language, "target_language": target_language}
    with transaction.atomic():
        _lock_pair(source_language, target_language)
        covered = MemoryIndexRun.objects.filter(**pair).aggregate(last=Max("last_id"))["last"] or 0
        rows = list(
            MemoryEntry.objects.filter(**pair, pk__gt=covered).values_list("pk", "source_text")
        )
        if not rows or len(rows) < at_least:
            return 0
        last = max(pk for pk, _ in rows)
        offsets: dict[int, list[int]] = defaultdict(list)
        lengths: Counter = Counter()
        for pk, text in rows:
            bucket = _bucket(len(text))
            lengths[str(bucket)] += 1
            for word in _words(text):
                offsets[word | bucket].append(pk - covered)
        run = MemoryIndexRun.objects.create(
            **pair,
            first_id=covered,
            last_id=last,
            level=_level(len(rows)),
            entries=len(rows),
            lengths=dict(lengths),
        )
        dtype = _dtype(last - covered)
        _write_postings(run, {key: np.array(ids, dtype=dtype) for key, ids in offsets.items()})
        _merge(pair)
    return len(rows)


def _merge(pair: dict) -> None:
    """Merge the newest ``FANOUT`` runs while they have one level, leaving out entries that no
    longer exist."""
    runs = list(MemoryIndexRun.objects.filter(**pair).order_by("first_id"))
    while len(runs) >= FANOUT and len({run.level for run in runs[-FANOUT:]}) == 1:
        group = runs[-FANOUT:]
        first, last = group[0].first_id, group[-1].last_id
        alive = np.zeros(last - first + 1, dtype=bool)
        alive[
            np.fromiter(
                MemoryEntry.objects.filter(**pair, pk__gt=first, pk__lte=last).values_list(
                    "pk", flat=True
                ),
                dtype=np.int64,
            )
            - first
        ] = True
        by_id = {run.pk: run for run in group}
        parts: dict[int, list[np.ndarray]] = defaultdict(list)
        rows = MemoryIndexPosting.objects.filter(run__in=group).values_list("run_id", "key", "ids")
        for run_id, key, blob in rows.iterator(chunk_size=2000):
            run = by_id[run_id]
            ids = np.frombuffer(bytes(blob), dtype=_dtype(run.last_id - run.first_id))
            parts[key].append(ids.astype(np.int64) + (run.first_id - first))
        dtype = _dtype(last - first)
        merged = {}
        for key, arrays in parts.items():
            ids = np.concatenate(arrays)
            ids = ids[alive[ids]]
            if len(ids):
                merged[key] = ids.astype(dtype)
        lengths: Counter = Counter()
        for run in group:
            lengths.update(run.lengths)
        new = MemoryIndexRun.objects.create(
            **pair,
            first_id=first,
            last_id=last,
            level=group[-1].level + 1,
            entries=int(alive.sum()),
            lengths=dict(lengths),
        )
        _write_postings(new, merged)
        _delete_runs(list(by_id))
        runs = [*runs[:-FANOUT], new]


def lookup(
    text: str, source_language: str, target_language: str, limit: int | None = None
) -> list[Match]:
    """Exact matches first (newest first), then fuzzy ones by similarity; ``limit`` in all
    (``DESK_SUGGESTIONS`` by default)."""
    limit = limit or settings.DESK_SUGGESTIONS
    text = nfc(text)
    exact = list(
        MemoryEntry.objects.filter(
            source_language=source_language,
            target_language=target_language,
            source_hash=text_hash(text),
        ).order_by("-created_at")[:limit]
    )
    matches = [Match(entry, 100.0) for entry in exact]
    if len(matches) >= limit:
        return matches
    seen = {m.entry.pk for m in matches}
    for _attempt in range(3):
        with _lock:
            index = _indexes.get((source_language, target_language))
            if index is None:
                index = _indexes[source_language, target_language] = _PairIndex(
                    source_language, target_language
                )
            index.refresh()
            scored = index.search(text, limit + len(exact))
        fuzzy_ids = [pk for pk in scored if pk not in seen]
        entries = MemoryEntry.objects.in_bulk(fuzzy_ids) if fuzzy_ids else {}
        if len(entries) == len(fuzzy_ids):
            break
        with _lock:  # deleted in another process: look again without them
            index.deleted.update(pk for pk in fuzzy_ids if pk not in entries)
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
    """Insert, or refresh the provenance and date of, memory entries; index them for fuzzy
    matches once ``FLUSH_AT`` are pending. Write memory entries through this function: it
    keeps one pair's entries committed in id order, which the index's tail relies on."""
    for entry in entries:
        entry.source_text, entry.target_text = nfc(entry.source_text), nfc(entry.target_text)
        entry.source_hash = text_hash(entry.source_text)
        entry.target_hash = text_hash(entry.target_text)
    pairs = sorted({(entry.source_language, entry.target_language) for entry in entries})
    with transaction.atomic():
        for pair in pairs:
            _lock_pair(*pair)
        MemoryEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["source_language", "target_language", "source_hash", "target_hash"],
            update_fields=["translator", "provenance", "tool_name", "job", "channel", "created_at"],
        )
        for pair in pairs:
            index_pending(*pair, at_least=FLUSH_AT)


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


def applied_fields(entry: MemoryEntry, user) -> dict:
    """A ``StringTranslation``'s fields when a translator takes ``entry`` from the memory
    (provenance "memory"; a later change by a person makes it "post-edited")."""
    return {
        "data": entry.target_text,
        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
        "tool_name": MEMORY_TOOL,
        "last_translated_by": user,
        "has_error": False,
        "field_error": "",
    }


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
                defaults=applied_fields(entry, user),
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
