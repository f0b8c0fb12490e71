"""Benchmark: server time to render reader pages with a large archive (run on demand).

    .venv/bin/python -m pytest tests/benchmarks/bench_render.py -q -s -p no:randomly

Prints median and p95 over repeated renders of home, section and article pages with an archive of
ARCHIVE articles in one section, and the peak Python memory of one render. Not part of `make test`.
"""

import statistics
import time
import tracemalloc

import pytest

from tests.cms.helpers import article
from tests.cms.news.test_query_counts import grow_archive

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"
ARCHIVE = 5_000
RUNS = 60


def measure(client, url: str) -> dict:
    client.get(url, HTTP_HOST=HOST)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST=HOST)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    tracemalloc.start()
    client.get(url, HTTP_HOST=HOST)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    timings.sort()
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "peak_kib": peak / 1024,
    }


def test_render_times_with_a_large_archive(client, section):
    featured = article(section, slug="bai-noi-bat", translated_to=["en", "lo"])
    grow_archive(section, ARCHIVE, featured.lead_image)
    pages = {
        "home (vi)": "/vi/",
        "section (vi)": "/vi/tin-tuc/",
        "section page 200 (vi)": "/vi/tin-tuc/?page=200",
        "article (vi)": featured.url,
        "article (lo)": "/lo/tin-tuc/bai-noi-bat/",
        "RSS (vi)": "/vi/tin-tuc/feed/rss/",
        "sitemap": "/sitemap.xml?p=1",
    }
    print(f"\nArchive: {ARCHIVE + 1} articles in one section; {RUNS} renders each")
    print(f"{'page':24} {'median ms':>10} {'p95 ms':>8} {'peak KiB':>9}")
    for name, url in pages.items():
        result = measure(client, url)
        print(
            f"{name:24} {result['median_ms']:10.1f} {result['p95_ms']:8.1f}"
            f" {result['peak_kib']:9.0f}"
        )
