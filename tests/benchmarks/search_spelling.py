""""Did you mean" benchmark: the extra time a suggestion costs on the generated corpus of
search_engines.py, per engine and language, and how often it restores the query before a typo.

Queries are two adjacent words of a random sentence (as the "typical" queries there) with one
typo: a letter deleted inside one word (not the first), or, in Vietnamese, one syllable also
typed without its marks. Only queries that then find at most FEW_RESULTS documents are timed,
as on the results page. The first suggestion of an engine also reads the embedded engine's
vocabulary; that cold cost is printed separately.

    flock /tmp/bench.lock .venv/bin/python tests/benchmarks/search_spelling.py --documents 100000
    OPENSEARCH_URL=http://127.0.0.1:9250 flock /tmp/bench.lock \
        .venv/bin/python tests/benchmarks/search_spelling.py --index my-benchmark

Not part of `make test`; figures go to docs/search.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from search import analysis
from search.documents import SearchRequest
from search.engines import engine_for
from search.spelling import FEW_RESULTS, suggest
from tests.benchmarks.search_engines import (
    LANGUAGES,
    corpus,
    load,
    percentile,
    sentences,
)


def misspelled(rng: random.Random, texts: list[str], language: str) -> tuple[str, str]:
    """(query, query with one typo)."""
    while True:
        text = analysis.clean(rng.choice(texts), language)
        words = [text[t.start : t.end] for t in analysis.analyse(text, language)]
        if len(words) < 2:
            continue
        at = rng.randrange(len(words) - 1)
        pair = words[at : at + 2]
        target = rng.randrange(2)
        word = pair[target]
        if len(word) < (3 if language == "zh-hans" else 4):
            continue
        cut = rng.randrange(1, len(word))
        typo = pair.copy()
        # Chinese: one character replaced by another of the corpus; elsewhere one deleted.
        other = rng.choice(rng.choice(texts)) if language == "zh-hans" else ""
        typo[target] = word[:cut] + other + word[cut + 1 :]
        if language == "vi" and rng.random() < 0.5:
            typo[1 - target] = analysis.fold(typo[1 - target])
        joiner = " " if language in ("vi", "en") else ""
        return joiner.join(pair), joiner.join(typo)


def measure(engine, n: int, queries: int, texts: dict[str, list[str]]) -> list:
    """Index the corpus, time suggestions; returns them (to compare engines)."""
    engine.reset()
    load(engine, corpus(n, texts))
    engine.flush()
    started = time.perf_counter()
    suggest(engine, SearchRequest("qqqqqqq", "en"), 0)
    print(f"{engine.name}: first suggestion (cold) {(time.perf_counter() - started) * 1000:.0f} ms")
    rng = random.Random(2)
    timings: list[float] = []
    made = []
    for language in LANGUAGES:
        times, suggested, restored, tried = [], 0, 0, 0
        while tried < queries:
            original, query = misspelled(rng, texts[language], language)
            request = SearchRequest(query, language)
            total = engine.count(request)
            if total > FEW_RESULTS:
                continue
            tried += 1
            started = time.perf_counter()
            suggestion = suggest(engine, request, total)
            times.append((time.perf_counter() - started) * 1000)
            made.append(suggestion)
            if suggestion:
                suggested += 1
                restored += suggestion.query == original.casefold()
        timings += times
        print(
            f"{engine.name} {language}: {tried} queries, suggestion for {suggested},"
            f" the original for {restored}; extra p50 {percentile(times, 50):.1f} ms,"
            f" p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms"
        )
    print(
        f"{engine.name}: all languages: extra p50 {statistics.median(timings):.1f} ms,"
        f" p95 {percentile(timings, 95):.1f} ms, max {max(timings):.1f} ms"
    )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40, help="per language")
    parser.add_argument("--index", default="cms-spelling-benchmark", help="server index name")
    args = parser.parse_args()
    texts = sentences()
    with tempfile.TemporaryDirectory() as tmp:
        engine = engine_for(f"sqlite:///{tmp}/bench.sqlite3")
        embedded = measure(engine, args.documents, args.queries, texts)
    if os.environ.get("OPENSEARCH_URL"):
        engine = engine_for(f"opensearch+{os.environ['OPENSEARCH_URL']}", args.index)
        server = measure(engine, args.documents, args.queries, texts)
        same = sum(a == b for a, b in zip(embedded, server, strict=True))
        print(f"same suggestion (query and count) from both engines: {same} of {len(server)}")


if __name__ == "__main__":
    main()
