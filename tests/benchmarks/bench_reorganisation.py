"""Portal reorganisation benchmark (run on demand, not part of ``make test``)::

    REORG_ARTICLES=200 .venv/bin/python -m pytest \
        tests/benchmarks/bench_reorganisation.py -p no:randomly -s

Builds ``REORG_ARTICLES`` source articles in one district portal, each translated into every
edition, applies a plan that splits the portal into two new ones, crawls every old address
(each must answer 301 to a live page) and prints the time taken, pages moved per second and the
redirects created. Figures go to docs/sites.md."""

from __future__ import annotations

import os
import time

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.news.models import SectionPage
from sites import catalogue as catalogue_module
from sites import reorganisation
from sites.models import Channel
from sites.reorganisation import Reorganiser
from tests.cms.helpers import article
from tests.conftest import raw_catalogue
from tests.sites.test_reorganisation import EDITIONS, get, old_urls, plan_data

pytestmark = pytest.mark.django_db


def test_reorganisation_throughput():
    count = int(os.environ.get("REORG_ARTICLES", "200"))
    home = Channel.objects.get(slug="badinh").home_page
    sections = list(SectionPage.objects.child_of(home))
    started = time.monotonic()
    for index in range(count):
        article(
            sections[index % len(sections)],
            title=f"Bài số {index}",
            slug=f"bai-so-{index}",
            translated_to=EDITIONS[1:],
        )
    built = time.monotonic() - started
    before = old_urls(home)
    sites = catalogue_module.parse(raw_catalogue())
    plan = reorganisation.parse(plan_data(), sites)
    started = time.monotonic()
    counts = Reorganiser(plan, sites, dry_run=True).run()
    dry = time.monotonic() - started
    started = time.monotonic()
    Reorganiser(plan, sites, dry_run=False).run()
    applied = time.monotonic() - started
    moved = counts.totals()["pages moved in"]
    started = time.monotonic()
    bad = []
    for url in before:
        response = get(url)
        if response.status_code != 301 or get(response["Location"]).status_code != 200:
            bad.append(url)
    crawled = time.monotonic() - started
    print(
        f"\n{count} source articles × {len(EDITIONS)} editions built in {built:.0f} s; "
        f"{Page.objects.count()} pages in the database"
        f"\ndry run {dry:.1f} s; applied {applied:.1f} s: {moved} pages moved "
        f"({moved / applied:.1f} pages/s, two new portals × 5 editions provisioned included), "
        f"{Redirect.objects.count()} redirects"
        f"\ncrawl: {len(before)} old addresses in {crawled:.1f} s, "
        f"not answering 301 → 200: {len(bad)}"
    )
    assert not bad
