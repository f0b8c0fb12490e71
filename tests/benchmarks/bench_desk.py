"""Translation-desk benchmarks (run on demand, not part of ``make test``)::

    .venv/bin/python -m pytest tests/benchmarks/bench_desk.py -p no:randomly -s

Figures go to docs/translation-desk.md. Add ``DATABASE_URL=postgres://…`` to measure on
PostgreSQL."""

from __future__ import annotations

import json
import os
import random
import statistics
import time
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.demo.factories import body_blocks
from cms.translation import jobs, memory
from cms.translation.models import MemoryEntry, TranslationJob
from sites import roles
from tests.cms.helpers import article

ONSETS = [
    "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph",
    "qu", "r", "s", "t", "th", "tr", "v", "x",
]  # fmt: skip
RIMES = [
    "a", "ai", "an", "ang", "anh", "ao", "au", "ay", "e", "em", "en", "eo", "ê", "ênh", "i",
    "ich", "iên", "inh", "oa", "oan", "ong", "ô", "ôi", "ông", "ơ", "ơi", "u", "ua", "uân",
    "ung", "uyên", "ư", "ưa", "ương",
]  # fmt: skip
MARKS = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """About 4,000 Vietnamese-like syllables with Zipf frequencies, as in real text."""
    import unicodedata

    syllables = sorted(
        {
            unicodedata.normalize("NFC", onset + rime[0] + mark + rime[1:])
            for onset in ONSETS
            for rime in RIMES
            for mark in MARKS
        }
    )
    rng.shuffle(syllables)
    weights = [1 / rank for rank in range(1, len(syllables) + 1)]
    return syllables, weights


def _sentence(rng: random.Random, vocabulary, low: int, high: int) -> str:
    words = rng.choices(vocabulary[0], vocabulary[1], k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _segment(rng: random.Random, vocabulary, mix: str) -> str:
    """``short``: every segment 8-24 words (the worst case: one length band). ``news``:
    titles, standfirsts and paragraphs as in articles."""
    if mix == "short":
        return _sentence(rng, vocabulary, 8, 24)
    kind = rng.random()
    if kind < 0.3:
        return _sentence(rng, vocabulary, 4, 14)
    if kind < 0.5:
        return _sentence(rng, vocabulary, 15, 40)
    return _sentence(rng, vocabulary, 30, 140)


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _memory(mix: str) -> tuple[random.Random, tuple, list[str]]:
    rng = random.Random(3734)
    vocabulary = _vocabulary(rng)
    return rng, vocabulary, [_segment(rng, vocabulary, mix) for _ in range(200_000)]


def _entry(text: str) -> MemoryEntry:
    return MemoryEntry(
        source_language="vi",
        target_language="en",
        source_text=text,
        target_text=f"EN {text}",
        source_hash=memory.text_hash(text),
        target_hash=memory.text_hash(f"EN {text}"),
        provenance=MemoryEntry.Provenance.HUMAN,
    )


def _timed(rng: random.Random, vocabulary, sources: list[str], runs: int = 300) -> list[float]:
    """``runs`` lookups: half an entry's own text, half an entry with one word changed."""
    timings = []
    for n in range(runs):
        text = rng.choice(sources)
        if n % 2:  # a near match: one word changed
            words = text.split()
            words[rng.randrange(len(words))] = rng.choice(vocabulary[0])
            text = " ".join(words)
        started = time.perf_counter()
        memory.lookup(text, "vi", "en")
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _figures(timings: list[float]) -> str:
    return (
        f"p50 {statistics.median(timings):.1f} ms, p95 {_percentile(timings, 95):.1f} ms, "
        f"max {max(timings):.1f} ms"
    )


@pytest.mark.parametrize("mix", ["news", "short"])
@pytest.mark.django_db
def test_memory_lookup_with_200k_entries(mix):
    """Entries come in through memory.add_entries (approvals, TMX imports), 10,000 at a time,
    which keeps the persisted fuzzy index; then 300 lookups as a new process makes them."""
    memory.forget_indexes()
    rng, vocabulary, sources = _memory(mix)
    started = time.perf_counter()
    for start in range(0, len(sources), 10_000):
        memory.add_entries([_entry(text) for text in sources[start : start + 10_000]])
    print(
        f"\nloaded {MemoryEntry.objects.count():,} entries in "
        f"{time.perf_counter() - started:.1f} s (add_entries, index included)"
    )
    memory.forget_indexes()  # what a new process knows: nothing but the database
    started = time.perf_counter()
    memory.lookup("khởi động", "vi", "en")
    print(f"first lookup in a new process: {(time.perf_counter() - started) * 1000:.0f} ms")
    timings = _timed(rng, vocabulary, sources)
    print(f"memory lookup ({mix}), 300 queries (half exact, half fuzzy): {_figures(timings)}")
    print(f"  first 10 of them: {', '.join(f'{t:.0f}' for t in timings[:10])} ms")
    assert _percentile(timings, 95) <= 50


@pytest.mark.django_db
def test_memory_backfill_of_entries_written_without_add_entries():
    """Entries that bypass add_entries (bulk inserts, entries older than the index): the first
    lookup indexes them once for every process; the lookups after it as above."""
    memory.forget_indexes()
    rng, vocabulary, sources = _memory("news")
    for start in range(0, len(sources), 10_000):
        MemoryEntry.objects.bulk_create(
            [_entry(text) for text in sources[start : start + 10_000]], ignore_conflicts=True
        )
    started = time.perf_counter()
    memory.lookup("khởi động", "vi", "en")
    print(f"\nfirst lookup, indexing 200,000 entries once: {time.perf_counter() - started:.1f} s")
    memory.forget_indexes()
    timings = _timed(rng, vocabulary, sources)
    print(f"then memory lookup (news), 300 queries in a new process: {_figures(timings)}")


@pytest.mark.parametrize("listing", ["queue", "jobs"])
def test_job_listings_with_10k_jobs(client, section, editor, make_user, listing):
    """The English queue and the jobs list (Wagtail index views), three filter/sort
    combinations each."""
    translator = make_user("bench-translator", "translators: en")
    page = article(section)
    (job,) = jobs.send_to_translation(
        [page], ["en"], deadline=timezone.now() + timezone.timedelta(days=1), user=editor
    )
    rng = random.Random(932)
    TranslationJob.objects.bulk_create(
        TranslationJob(
            translation=job.translation,
            source_page=page,
            target_locale=job.target_locale,
            channel=job.channel,
            assignee=translator if n % 3 else None,
            deadline=timezone.now() + timezone.timedelta(hours=rng.randint(-200, 200)),
            priority=rng.randint(1, 4),
            status=rng.choice([TranslationJob.Status.PUBLISHED, TranslationJob.Status.CANCELLED]),
        )
        for n in range(9_999)
    )
    client.force_login(translator)
    base = reverse("desk:queue", args=["en"]) if listing == "queue" else reverse("desk_jobs:index")
    for params in (
        "status=all",
        "status=all&ordering=-priority",
        "status=all&assignee=me&due=week",
    ):
        url = base + "?" + params
        client.get(url)  # warm
        timings = []
        for _ in range(20):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        print(
            f"\n{listing} ?{params} with {TranslationJob.objects.count():,} jobs: "
            f"{len(queries)} queries, median {statistics.median(timings):.0f} ms, "
            f"p95 {_percentile(timings, 95):.0f} ms"
        )


def _body(texts: list[str]) -> str:
    """Paragraph blocks with stable ids, as an editor's edits keep them."""
    blocks = json.loads(body_blocks([{"paragraph": text} for text in texts]))
    for number, block in enumerate(blocks):
        block["id"] = str(uuid.UUID(int=number + 1))
    return json.dumps(blocks, ensure_ascii=False)


@pytest.mark.parametrize("paragraphs", [10, 50, 200])
def test_sync_query_count(section, editor, make_user, paragraphs):
    translator = make_user("bench-sync", "translators: en")
    page = article(section, body=_body([f"Đoạn văn số {n}." for n in range(paragraphs)]))
    (job,) = jobs.send_to_translation(
        [page], ["en"], deadline=timezone.now() + timezone.timedelta(days=1), user=editor
    )
    jobs.claim(job, translator)
    page = page.specific
    page.body = _body([f"Đoạn văn đã sửa số {n}." for n in range(paragraphs)])  # same blocks
    page.save_revision().publish()
    job.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        jobs.start(job, translator)  # synchronises the changed source into the translation
    segments = job.translation.source.stringsegment_set.count()
    print(f"\nsync of a changed source with {segments} segments: {len(queries)} queries")


@pytest.mark.django_db
def test_segment_editor_save_and_check(client, section, editor, make_user):
    """The segment editor's save (write, every check of the segment, the job's figures, the
    history line) and its check while typing, on a nine-segment article, through the test
    client: the server's part of "save → checks on screen"."""
    translator = make_user("bench-translator", roles.translators_group("en"))
    story = article(
        section,
        title="Thanh niên quốc tế tìm hiểu làng nghề",
        standfirst="Đoàn thanh niên từ mười quốc gia tham quan các làng nghề ven đô.",
        body=body_blocks([{"paragraph": f"Đoạn văn số {n} về làng nghề."} for n in range(5)]),
    )
    (job,) = jobs.send_to_translation([story], ["en"], deadline=timezone.now(), user=editor)
    jobs.claim(job, translator)
    jobs.start(job, translator)
    client.force_login(translator)
    segment, _ = memory.job_segments(job)[2]
    save = reverse("desk:segment_save", args=[job.pk, segment.pk])
    check = reverse("desk:segment_check", args=[job.pk, segment.pk])
    for name, url in (("save", save), ("check while typing", check)):
        timings = []
        for n in range(60):
            started = time.perf_counter()
            client.post(url, {"text": f"Many Vietnamese expatriates joined, {n} times."})
            timings.append((time.perf_counter() - started) * 1000)
        print(f"\nsegment editor {name}, 60 requests: {_figures(timings[10:])}")
    print(f"load average {os.getloadavg()[0]:.1f}")
