"""Search benchmark on a generated corpus: bulk indexing rate and query latency per engine.

The corpus mixes the five languages; each document is built from the words of the relevance set
(tests/search/relevance.yaml) drawn with a Zipf distribution (seeded), joined as each script
writes them (no spaces in Chinese, Lao and Khmer), so the analysis does real segmentation work.
"Typical" queries are one or two mid-frequency words; the "broadest" query is each language's
most frequent word (it matches most documents of that language).

    .venv/bin/python tests/benchmarks/search_engines.py --documents 100000
    OPENSEARCH_URL=http://127.0.0.1:9250 .venv/bin/python tests/benchmarks/search_engines.py

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
from datetime import datetime, timedelta
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from search import analysis, relevance  # noqa: E402
from search.documents import PageDocument, SearchRequest  # noqa: E402
from search.engines import engine_for  # noqa: E402

LANGUAGES = ("vi", "en", "zh-hans", "lo", "km")
JOINER = {"vi": " ", "en": " ", "zh-hans": "", "lo": "", "km": ""}
BATCH = 1000


def vocabulary() -> dict[str, list[str]]:
    dataset = relevance.load()
    words = {}
    for language in LANGUAGES:
        text = " ".join(
            f"{d['title']} {d['body']}" for d in dataset[language]["documents"].values()
        )
        cleaned = analysis.clean(text)
        seen = dict.fromkeys(cleaned[t.start : t.end] for t in analysis.analyse(cleaned, language))
        words[language] = list(seen)
    return words


def corpus(n: int, seed: int = 0):
    rng = random.Random(seed)
    words = vocabulary()
    weights = {lang: [1 / (rank + 1) for rank in range(len(w))] for lang, w in words.items()}
    start = datetime(2024, 1, 1)
    for number in range(1, n + 1):
        language = LANGUAGES[number % len(LANGUAGES)]
        pick = lambda k: rng.choices(words[language], weights[language], k=k)  # noqa: B023, E731
        yield PageDocument.build(
            page_id=number,
            title=JOINER[language].join(pick(8)),
            summary=JOINER[language].join(pick(25)),
            body=JOINER[language].join(pick(120)),
            language=language,
            channel=f"channel-{number % 37}",
            district=f"channel-{number % 37}" if number % 37 > 6 else "",
            section="tin-tuc",
            topics=[f"topic-{number % 12}"],
            content_type="articlepage",
            date=start + timedelta(hours=number),
            url=f"https://example.invalid/{number}/",
            image="",
            translation_key=f"key-{number // 5}",
            fingerprint="1",
        )


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def measure(engine, n: int, rounds: int) -> None:
    engine.reset()
    started = time.perf_counter()
    batch = []
    for document in corpus(n):
        batch.append(document)
        if len(batch) == BATCH:
            engine.index(batch)
            batch = []
    if batch:
        engine.index(batch)
    seconds = time.perf_counter() - started
    print(f"{engine.name}: indexed {n:,} documents in {seconds:.1f} s = {n / seconds:,.0f} docs/s")
    words = vocabulary()
    rng = random.Random(1)
    typical, broadest = [], []
    for _ in range(rounds):
        for language in LANGUAGES:
            vocab = words[language]
            middle = vocab[len(vocab) // 4 : len(vocab) // 2] or vocab
            text = " ".join(rng.sample(middle, k=min(2, len(middle))))
            t0 = time.perf_counter()
            engine.search(SearchRequest(text, language))
            typical.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            engine.search(SearchRequest(vocab[0], language))
            broadest.append((time.perf_counter() - t0) * 1000)
    for name, values in (("typical", typical), ("broadest", broadest)):
        print(
            f"{engine.name}: {name} queries ({len(values)}): p50 {percentile(values, 50):.1f} ms,"
            f" p95 {percentile(values, 95):.1f} ms, max {max(values):.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure(engine_for(f"sqlite:///{tmp}/bench.sqlite3"), args.documents, args.rounds)
    if os.environ.get("OPENSEARCH_URL"):
        engine = engine_for(f"opensearch+{os.environ['OPENSEARCH_URL']}", "cms-benchmark")
        measure(engine, args.documents, args.rounds)


if __name__ == "__main__":
    main()
