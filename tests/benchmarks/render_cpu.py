"""Benchmark: CPU time per uncached reader page, in-process (not part of `make test`):

    .venv/bin/python -m tests.benchmarks.render_cpu [--batches 5] [--requests 40]

Runs on the serving benchmark's instance (``tests/artifacts/bench-serving``: build it first
with ``.venv/bin/python -m tests.benchmarks.serving``), with its settings and the page cache
off: each page through Django's test client, once to warm what every page of its edition
shares, then ``--batches`` batches of ``--requests`` requests. Prints the best batch's process
CPU time per request (steadier than the wall clock on a shared machine) and the queries of one
render, beside a vanilla ``wagtail start`` project's home page measured the same way
(connections kept), the reference of the serving figures. Each project runs in a process of
its own."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests import serving
from tests.benchmarks.serving import FOLDER, vanilla_project

HOST = serving.host("hanoimoi")


def our_pages() -> dict[str, str]:
    """The pages measured on the benchmark instance: an article with a byline, topics and
    related articles, the edition home, a section and two of its later pages, a topic and an
    author."""
    from cms.news.models import ArticlePage, ArticleTopic, Author

    article = ArticlePage.objects.get(
        url_path__endswith="/tin-tuc/luu-tru-0/", locale__language_code="vi"
    )
    topic = ArticleTopic.objects.filter(page=article).select_related("topic").first()
    author = Author.objects.filter(locale__language_code="vi").first()
    return {
        "article": article.relative_url(article.get_site()),
        "home": "/vi/",
        "section": "/vi/tin-tuc/",
        "section, page 2": "/vi/tin-tuc/?page=2",
        "section, page 150": "/vi/tin-tuc/?page=150",
        "topic": f"/vi/topics/{topic.topic.slug}/" if topic else "/vi/",
        "author": f"/vi/authors/{author.pk}/" if author else "/vi/",
    }


def measure(host: str, pages: dict[str, str], batches: int, requests: int) -> dict:
    """CPU milliseconds per request (best batch) and queries of each page, in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    results = {}
    for name, path in pages.items():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries = len(captured)  # the next request clears the connection's log
        best = float("inf")
        for _ in range(batches):
            started = time.process_time()
            for _ in range(requests):
                client.get(path)
            best = min(best, (time.process_time() - started) / requests)
        results[name] = {"ms": best * 1000, "queries": queries}
    return results


def child(options: argparse.Namespace) -> None:
    import django

    django.setup()
    if options.child == "ours":
        pages, host = our_pages(), HOST
    else:
        pages, host = {"vanilla Wagtail home (connections kept)": "/"}, "localhost"
    print(json.dumps(measure(host, pages, options.batches, options.requests)))


def run_child(kind: str, options: argparse.Namespace, env: dict, cwd: Path) -> dict:
    command = [sys.executable, "-m", "tests.benchmarks.render_cpu", "--child", kind]
    command += ["--batches", str(options.batches), "--requests", str(options.requests)]
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(result.stdout + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--child", choices=["ours", "vanilla"])
    options = parser.parse_args()
    if options.child:
        child(options)
        return
    if not (FOLDER / "prepared").exists():
        sys.exit(f"no instance in {FOLDER}: run `python -m tests.benchmarks.serving` first")
    instance = serving.Instance(FOLDER, extra_env={"CMS_PAGE_CACHE_SECONDS": "0"})
    results = run_child("ours", options, instance.env, serving.ROOT)
    workdir = Path(tempfile.mkdtemp(prefix="vanilla-wagtail-"))
    try:
        cwd, env = vanilla_project(workdir)
        env = {**env, "VANILLA_CONN_MAX_AGE": "60"}
        env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(serving.ROOT)])
        results |= run_child("vanilla", options, env, cwd)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    reference = next(value["ms"] for name, value in results.items() if "vanilla" in name)
    print(f"best of {options.batches} batches of {options.requests} requests, CPU per request")
    print(f"{'page':42} {'ms':>7} {'queries':>8} {'vanilla ÷ page':>15}")
    for name, value in results.items():
        ratio = reference / value["ms"]
        print(f"{name:42} {value['ms']:7.2f} {value['queries']:8} {ratio:15.2f}")


if __name__ == "__main__":
    main()
