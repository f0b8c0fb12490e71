"""The fuzzy index of the translation memory (cms/translation/memory.py): its candidates against
brute force over a generated memory, persisted runs and the tail, a new process, entries
written without add_entries, deletions and merges."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rapidfuzz import fuzz, process

from cms.translation import memory
from cms.translation.models import MemoryEntry, MemoryIndexPosting, MemoryIndexRun
from tests.benchmarks.bench_desk import _segment, _vocabulary


@pytest.fixture
def small_runs(monkeypatch):
    """Runs of 100 entries, so that a few thousand entries make runs, merges and a tail."""
    monkeypatch.setattr(memory, "FLUSH_AT", 100)


def entry(text: str, target: str = "en") -> MemoryEntry:
    return MemoryEntry(
        source_language="vi",
        target_language=target,
        source_text=text,
        target_text=f"EN {text}",
        provenance=MemoryEntry.Provenance.HUMAN,
    )


def edited(rng: random.Random, vocabulary, text: str, changes: int) -> str:
    """``text`` with ``changes`` words replaced, inserted or deleted."""
    words = text.split()
    for _ in range(changes):
        kind = rng.random()
        word = rng.choices(vocabulary[0], vocabulary[1])[0]
        if kind < 0.6:
            words[rng.randrange(len(words))] = word
        elif kind < 0.8 or len(words) < 2:
            words.insert(rng.randrange(len(words) + 1), word)
        else:
            del words[rng.randrange(len(words))]
    return " ".join(words)


def brute_force(text: str, memory_texts: dict[int, str]) -> dict[int, float]:
    ids = list(memory_texts)
    found = process.extract(
        text,
        [memory_texts[pk] for pk in ids],
        scorer=fuzz.ratio,
        score_cutoff=memory.fuzzy_threshold(),
        limit=None,
    )
    return {ids[index]: score for _, score, index in found}


def test_candidates_find_everything_brute_force_finds(small_runs, db):
    """A generated news memory (titles, standfirsts, paragraphs of 30-140 words) with
    near-duplicates of paragraphs (2-12 words changed): every entry ≥ 75 % similar to a query
    is found, for near-duplicates, exact texts and titles alike."""
    rng = random.Random(20261127)
    vocabulary = _vocabulary(rng)
    texts = [_segment(rng, vocabulary, "news") for _ in range(2_500)]
    paragraphs = [text for text in texts if len(text.split()) >= 30]
    texts += [
        edited(rng, vocabulary, rng.choice(paragraphs), rng.randint(2, 12)) for _ in range(700)
    ]
    for start in range(0, len(texts), 150):  # as approvals and imports add them
        memory.add_entries([entry(text) for text in texts[start : start + 150]])
    memory.add_entries([entry(text, "lo") for text in texts[:300]])  # another pair
    assert MemoryIndexRun.objects.filter(target_language="en").count() >= 2
    assert MemoryIndexRun.objects.filter(target_language="en", level__gt=0).exists()
    stored = dict(MemoryEntry.objects.filter(target_language="en").values_list("pk", "source_text"))
    covered = MemoryIndexRun.objects.filter(target_language="en").latest("last_id").last_id
    assert max(stored) > covered  # a tail of entries not yet in a run

    queries = (
        [edited(rng, vocabulary, rng.choice(paragraphs), rng.randint(1, 15)) for _ in range(120)]
        + [rng.choice(texts) for _ in range(40)]
        + [_segment(rng, vocabulary, "news") for _ in range(40)]
    )
    memory.forget_indexes()  # a new process: postings from the runs, the tail read again
    memory.lookup("khởi động", "vi", "en")
    index = memory._indexes["vi", "en"]
    found = 0
    for query in queries:
        expected = brute_force(query, stored)
        assert set(index.search(query, None)) == set(expected), query
        found += len(expected)
        matches = memory.lookup(query, "vi", "en", limit=3)
        best = sorted(expected.values(), reverse=True)[:3]
        assert [round(m.score, 1) for m in matches] == [min(round(s, 1), 99.9) for s in best] or (
            matches and matches[0].exact
        )
    assert found > len(queries)  # near-duplicates were there to be found


def test_a_new_process_reads_postings_not_the_whole_memory(small_runs, db):
    rng = random.Random(7)
    vocabulary = _vocabulary(rng)
    texts = [_segment(rng, vocabulary, "news") for _ in range(1_000)]
    memory.add_entries([entry(text) for text in texts])
    assert not MemoryEntry.objects.filter(
        pk__gt=MemoryIndexRun.objects.latest("last_id").last_id
    ).exists()
    memory.forget_indexes()
    query = edited(rng, vocabulary, max(texts, key=len), 3)
    with CaptureQueriesContext(connection) as queries:
        matches = memory.lookup(query, "vi", "en")
    assert matches and matches[0].entry.source_text == max(texts, key=len)
    # exact, runs, tail, postings of the query's keys (and the runs again), texts, entries
    assert len(queries) <= 9, [q["sql"][:80] for q in queries]


def test_entries_written_without_add_entries_are_indexed_by_a_lookup(small_runs, db):
    rng = random.Random(11)
    vocabulary = _vocabulary(rng)
    texts = [_segment(rng, vocabulary, "short") for _ in range(250)]
    entries = [entry(text) for text in texts]
    for item in entries:
        item.source_hash = memory.text_hash(item.source_text)
        item.target_hash = memory.text_hash(item.target_text)
    MemoryEntry.objects.bulk_create(entries)  # not through add_entries: no run
    assert not MemoryIndexRun.objects.exists()
    query = edited(rng, vocabulary, texts[0], 1)
    expected = brute_force(query, dict(MemoryEntry.objects.values_list("pk", "source_text")))
    best = max(expected.values())
    assert memory.lookup(query, "vi", "en")[0].score == min(best, 99.9)
    assert MemoryIndexRun.objects.get().entries == 250


def test_deleted_entries_are_not_offered(small_runs, db):
    memory.add_entries(
        [entry(f"Hà Nội đón đoàn khách quốc tế số {n} tại sân bay Nội Bài.") for n in range(150)]
    )
    assert MemoryIndexRun.objects.exists()
    query = "Hà Nội đón đoàn khách quốc tế số 7 tại sân bay Nội Bài hôm nay."
    first = memory.lookup(query, "vi", "en", limit=1)[0].entry
    first.delete()  # this process hears of it (post_delete)
    second = memory.lookup(query, "vi", "en", limit=1)[0].entry
    assert second.pk != first.pk
    # deleted by another process: no signal here; the lookup notices and looks again
    MemoryEntry.objects.filter(pk=second.pk)._raw_delete(MemoryEntry.objects.db)
    third = memory.lookup(query, "vi", "en", limit=1)[0].entry
    assert third.pk not in (first.pk, second.pk)
    assert MemoryEntry.objects.filter(pk=third.pk).exists()


def test_runs_merge_and_leave_out_deleted_entries(small_runs, db):
    for batch in range(16):
        if batch == 15:
            MemoryEntry.objects.filter(source_text__startswith="Câu số 3 ").delete()
        memory.add_entries(
            [entry(f"Câu số {batch} {n} về thời tiết ở Hà Nội hôm nay.") for n in range(100)]
        )
    runs = list(MemoryIndexRun.objects.order_by("first_id"))
    assert [run.level for run in runs] == [2]  # 16 runs of level 0 → 4 of 1 → 1 of 2
    assert runs[0].entries == 1_500
    offsets = b"".join(MemoryIndexPosting.objects.values_list("ids", flat=True))
    assert len(offsets) // 4 == 1_500 * len(
        memory._words("Câu số 1 2 về thời tiết ở Hà Nội hôm nay.")
    )
    for batch in range(16, 28):
        memory.add_entries(
            [entry(f"Câu số {batch} {n} về thời tiết ở Hà Nội hôm nay.") for n in range(100)]
        )
    levels = list(MemoryIndexRun.objects.order_by("first_id").values_list("level", flat=True))
    assert levels == [2, 1, 1, 1]
    memory.forget_indexes()
    matches = memory.lookup("Câu số 3 5 về thời tiết ở Hà Nội hôm nay", "vi", "en", limit=5)
    assert matches and all(not m.entry.source_text.startswith("Câu số 3 ") for m in matches)
    assert MemoryIndexPosting.objects.filter(run__in=MemoryIndexRun.objects.all()).count() == (
        MemoryIndexPosting.objects.count()
    )


def test_exact_matches_do_not_depend_on_the_fuzzy_index(db, monkeypatch):
    memory.add_entries([entry("Thời tiết hôm nay đẹp.")])
    monkeypatch.setattr(memory._PairIndex, "search", lambda *args: pytest.fail("fuzzy index"))
    assert memory.lookup("Thời tiết hôm nay đẹp.", "vi", "en", limit=1)[0].exact
    assert memory.exact_match_count(["Thời tiết hôm nay đẹp.", "Khác."], "vi", "en") == 1
