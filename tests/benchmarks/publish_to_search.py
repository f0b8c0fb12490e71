"""Publish to searchable, with the background worker running: the time from `revision.publish()`
returning until the reader search finds the article.

Uses a throwaway database and index (temporary directory): migrates, provisions one site,
starts `manage.py db_worker` (the django-tasks database queue, as `make run` does), publishes
articles one by one and polls the search every 10 ms.

    .venv/bin/python tests/benchmarks/publish_to_search.py --articles 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="publish-bench-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
        SEARCH_URL=f"sqlite:///{tmp}/search.sqlite3",
        MEDIA_ROOT=f"{tmp}/media",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import yaml
    from django.core.management import call_command

    from sites import catalogue

    call_command("migrate", verbosity=0)
    raw = yaml.safe_load(catalogue.DEFAULT_PATH.read_text("utf-8"))
    raw["sites"] = [s for s in raw["sites"] if s["slug"] in ("portal", "hanoimoi")]
    from sites.provisioning import provision

    provision(catalogue.parse(raw))
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        from cms.demo.factories import ArticlePageFactory
        from cms.news.models import SectionPage
        from search.documents import SearchRequest
        from search.engines import get_engine
        from sites.models import Channel

        get_engine().ensure_index()
        home = Channel.objects.get(slug="hanoimoi").home_page
        section = SectionPage.objects.child_of(home).first()
        delays = []
        for n in range(args.articles):
            word = f"benchmarkword{n}x"
            page = ArticlePageFactory(parent=section, published=False, title=f"Tin {word}")
            revision = page.save_revision()
            revision.publish()
            started = time.perf_counter()
            while not get_engine().search(SearchRequest(word, "vi")).total:
                if time.perf_counter() - started > 30:
                    raise SystemExit(f"article {n} not searchable after 30 s")
                time.sleep(0.01)
            delays.append(time.perf_counter() - started)
        delays.sort()
        p95 = delays[max(0, round(0.95 * len(delays)) - 1)]
        print(
            f"publish to searchable ({len(delays)} articles, worker running): "
            f"median {statistics.median(delays):.2f} s, p95 {p95:.2f} s, max {max(delays):.2f} s"
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
