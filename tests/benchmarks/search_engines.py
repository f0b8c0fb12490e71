"""Search benchmark on a generated corpus: bulk indexing rate and query latency per engine.

The corpus mixes the five languages (20,000 documents each for 100,000). Its text is real
translated prose found on this machine: the msgstr sentences of every gettext catalogue in the
installed packages (Django, Wagtail, …) and in locales/, plus the relevance set
(search/data/relevance.yaml); Lao has only the project's catalogue and the relevance set. Each
document is drawn (seeded) from those sentences, so the vocabulary and word frequencies are
natural and Chinese, Lao and Khmer need real segmentation. "Typical" queries are two words of
one random sentence; the "broadest" query is each language's most frequent word; "one channel"
repeats each typical query scoped to one of the 37 channels (a channel site's default scope).

The corpus is loaded the way ``search_index rebuild`` loads it (a replacement index, swapped in
when complete), so the indexing rate includes finishing the index and queries run against what
readers get after a rebuild. Latency is timed around ``engine.search`` (one engine object, its
connections reused, as in the server process); "with highlights" adds the highlighted title and
excerpt of the page's hits that the results page computes in Python.

    .venv/bin/python tests/benchmarks/search_engines.py --documents 100000
    OPENSEARCH_URL=http://127.0.0.1:9250 .venv/bin/python tests/benchmarks/search_engines.py
    (SEARCH_BENCH_INDEX names the OpenSearch index, default cms-benchmark)

Not part of `make test`; figures go to docs/search.md.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from search import analysis, relevance  # noqa: E402
from search.documents import PageDocument, SearchRequest  # noqa: E402
from search.engines import engine_for  # noqa: E402
from search.highlight import excerpt, highlight  # noqa: E402

LANGUAGES = ("vi", "en", "zh-hans", "lo", "km")
JOINER = {"vi": " ", "en": " ", "zh-hans": "", "lo": "", "km": ""}
BATCH = 1000


CATALOGUE_CODES = {"vi": "vi", "en": "en", "zh-hans": "zh_Hans", "lo": "lo", "km": "km"}
PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>")


def sentences() -> dict[str, list[str]]:
    """Translated sentences per language from every catalogue on this machine."""
    import polib

    roots = [Path(django.__file__).parents[1], Path(__file__).resolve().parents[2] / "locales"]
    found = {}
    dataset = relevance.load()
    for language, code in CATALOGUE_CODES.items():
        texts = set()
        for root in roots:
            for path in root.glob(f"**/locale/{code}/LC_MESSAGES/*.po"):
                for entry in polib.pofile(str(path)):
                    for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                        if language == "en":
                            text = text or entry.msgid
                        text = PLACEHOLDER.sub(" ", text).strip()
                        if len(text) >= 8:
                            texts.add(text)
        for doc in dataset[language]["documents"].values():
            texts.update((doc["title"], doc["body"]))
        found[language] = sorted(texts)
    return found


def corpus(n: int, texts: dict[str, list[str]], seed: int = 0):
    rng = random.Random(seed)
    start = datetime(2024, 1, 1)
    for number in range(1, n + 1):
        language = LANGUAGES[number % len(LANGUAGES)]
        pool = texts[language]
        yield PageDocument.build(
            page_id=number,
            title=rng.choice(pool),
            summary=" ".join(rng.choices(pool, k=2)),
            body="\n".join(rng.choices(pool, k=8)),
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


def highlights(results, request: SearchRequest) -> None:
    for hit in results.hits:
        highlight(hit["title"], request.language, request.text)
        excerpt(f"{hit['summary']} {hit['body']}", request.language, request.text)


def load(engine, documents) -> None:
    """Index ``documents`` in batches of BATCH, without waiting for each to be searchable."""
    batch = []
    for document in documents:
        batch.append(document)
        if len(batch) == BATCH:
            engine.index(batch, wait=False)
            batch = []
    engine.index(batch, wait=False)


def measure(engine, n: int, rounds: int, texts: dict[str, list[str]]) -> None:
    started = time.perf_counter()
    with engine.replacement() as new:
        load(new, corpus(n, texts))
    seconds = time.perf_counter() - started
    print(f"{engine.name}: indexed {n:,} documents in {seconds:.1f} s = {n / seconds:,.0f} docs/s")
    rng = random.Random(1)
    typical, broadest, matches, page, channel = [], [], [], [], []
    per_language = {}
    for language in LANGUAGES:
        counts = Counter(
            t.word
            for text in texts[language]
            for t in analysis.analyse(analysis.clean(text, language), language)
        )
        commonest = counts.most_common(1)[0][0]
        for _ in range(rounds):
            tokens = []
            while len(tokens) < 2:
                text = analysis.clean(rng.choice(texts[language]), language)
                tokens = [text[t.start : t.end] for t in analysis.analyse(text, language)]
            at = rng.randrange(len(tokens) - 1)
            query = " ".join(tokens[at : at + 2])
            t0 = time.perf_counter()
            request = SearchRequest(query, language)
            results = engine.search(request)
            typical.append((time.perf_counter() - t0) * 1000)
            highlights(results, request)
            page.append((time.perf_counter() - t0) * 1000)
            matches.append(results.total)
            per_language.setdefault(language, []).append(typical[-1])
            t0 = time.perf_counter()
            engine.search(SearchRequest(query, language, channel=f"channel-{len(typical) % 37}"))
            channel.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            engine.search(SearchRequest(commonest, language))
            broadest.append((time.perf_counter() - t0) * 1000)
    print(
        f"{engine.name}: typical queries match {statistics.median(matches):,.0f} documents (median)"
    )
    print(
        f"{engine.name}: typical median / max per language:",
        ", ".join(
            f"{lang} {statistics.median(v):.0f} / {max(v):.0f} ms"
            for lang, v in per_language.items()
        ),
    )
    for name, values in (
        ("typical", typical),
        ("typical, with highlights,", page),
        ("typical, one channel,", channel),
        ("broadest", broadest),
    ):
        print(
            f"{engine.name}: {name} queries ({len(values)}): p50 {percentile(values, 50):.1f} ms,"
            f" p95 {percentile(values, 95):.1f} ms, max {max(values):.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    texts = sentences()
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print("sentences per language:", {language: len(pool) for language, pool in texts.items()})
    with tempfile.TemporaryDirectory() as tmp:
        engine = engine_for(f"sqlite:///{tmp}/bench.sqlite3")
        measure(engine, args.documents, args.rounds, texts)
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
        print(f"embedded: index files {size / 2**20:,.0f} MiB")
    if os.environ.get("OPENSEARCH_URL"):
        index = os.environ.get("SEARCH_BENCH_INDEX", "cms-benchmark")
        engine = engine_for(f"opensearch+{os.environ['OPENSEARCH_URL']}", index)
        measure(engine, args.documents, args.rounds, texts)
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
