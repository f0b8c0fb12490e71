"""Portal reorganisation benchmark (run on demand, not part of ``make test``)::

    REORG_PORTALS=30 REORG_PAGES=150000 .venv/bin/python -m pytest \
        tests/benchmarks/bench_reorganisation.py -p no:randomly -s

Provisions ``REORG_PORTALS`` district portals (default 1) and fills them with ``REORG_PAGES``
article pages in all (default 1,000): each source article and its four translations are five
pages, spread over every section. The first article is made the ordinary way (lead image, body,
revisions); the others are inserted in bulk as copies of it in each edition, each with its own
title, slug and translation key. A plan then splits every portal into two new ward portals (one
takes the investment section, the other the rest) and is applied with the search engine
running. Printed: the build, the dry run and the applied run (time, pages moved per second,
redirects, peak memory), and a crawl of the old addresses (all of them up to ``REORG_CRAWL``,
default 2,000, a random sample beyond), each of which must answer 301 to a live page.
Figures go to docs/sites.md."""

from __future__ import annotations

import os
import random
import resource
import time
import uuid

import pytest
import yaml
from django.db import connection, transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.news.models import ArticlePage, SectionPage
from sites import catalogue as catalogue_module
from sites import reorganisation
from sites.models import Channel
from sites.provisioning import provision
from sites.reorganisation import Reorganiser
from tests.cms.helpers import article
from tests.conftest import TEST_SITES, raw_catalogue
from tests.sites.test_reorganisation import EDITIONS, get, old_urls, plan_data, ward

PORTALS = int(os.environ.get("REORG_PORTALS", "1"))
PAGES = int(os.environ.get("REORG_PAGES", "1000"))
CRAWL = int(os.environ.get("REORG_CRAWL", "2000"))
pytestmark = pytest.mark.django_db


def _districts() -> list[str]:
    entries = yaml.safe_load(catalogue_module.DEFAULT_PATH.read_text("utf-8"))["sites"]
    slugs = [entry["slug"] for entry in entries if entry["kind"] == "district"]
    return sorted(slugs, key=lambda slug: (slug != "badinh", slug))[:PORTALS]


def _catalogue(districts: list[str]) -> catalogue_module.Catalogue:
    return catalogue_module.parse(raw_catalogue((*TEST_SITES, *districts)))


def _plan(districts: list[str], sites: catalogue_module.Catalogue) -> reorganisation.Plan:
    new_sites, units = [], []
    for slug in districts:
        rest, investment = f"{slug}-phuong-1", f"{slug}-phuong-2"
        new_sites += [
            ward(rest, f"1 {slug}", f"1 {slug}"),
            ward(investment, f"2 {slug}", f"2 {slug}"),
        ]
        units.append(
            {
                "from": slug,
                "successors": [
                    {"to": rest, "rest": True},
                    {"to": investment, "sections": ["dau-tu"]},
                ],
            }
        )
    data = plan_data(
        slug="benchmark-wards",
        title={"vi": "Sắp xếp đo hiệu năng", "en": "Benchmark reorganisation"},
        new_sites=new_sites,
        units=units,
    )
    return reorganisation.parse(data, sites)


def _editions(page: Page) -> dict[str, Page]:
    return {
        edition.locale.language_code: edition
        for edition in Page.objects.filter(translation_key=page.translation_key).select_related(
            "locale"
        )
    }


def _copy_articles(templates: dict[str, Page], sections: list[dict[str, Page]], count: int) -> None:
    """Insert ``count`` source articles, each in every edition, copying ``templates`` (one
    article per language): Page rows in bulk, then their article rows with one INSERT … SELECT
    per edition."""
    next_step = {
        section.pk: section.numchild + 1 for editions in sections for section in editions.values()
    }
    fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    pages: list[Page] = []
    for index in range(count):
        key = uuid.uuid4()
        editions = sections[index % len(sections)]
        for code, parent in editions.items():
            template = templates[code]
            slug = f"{template.slug}-{index}"
            page = Page(**{name: getattr(template, name) for name in fields})
            page.path = Page._get_path(parent.path, parent.depth + 1, next_step[parent.pk])
            next_step[parent.pk] += 1
            page.depth = parent.depth + 1
            page.numchild = 0
            page.slug = slug
            page.title = page.draft_title = f"{template.title} ({index})"
            page.url_path = f"{parent.url_path}{slug}/"
            page.translation_key = key
            page.latest_revision_id = page.live_revision_id = None
            pages.append(page)
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=2_000)
        for section_pk, step in next_step.items():
            Page.objects.filter(pk=section_pk).update(numchild=step - 1)
        quote = connection.ops.quote_name
        columns = [
            quote(field.column)
            for field in ArticlePage._meta.local_concrete_fields
            if not field.primary_key
        ]
        table = quote(ArticlePage._meta.db_table)
        by_locale: dict[int, list[int]] = {}
        for page in pages:
            by_locale.setdefault(page.locale_id, []).append(page.pk)
        with connection.cursor() as cursor:
            for template in templates.values():
                ids = by_locale.get(template.locale_id, [])
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    cursor.execute(
                        f"INSERT INTO {table} (page_ptr_id, {', '.join(columns)}) "
                        f"SELECT p.id, {', '.join('t.' + c for c in columns)} "
                        f"FROM wagtailcore_page p, {table} t "
                        f"WHERE t.page_ptr_id = %s AND p.id IN ({', '.join(['%s'] * len(chunk))})",
                        [template.pk, *chunk],
                    )


def _fill(slug: str, sources: int) -> None:
    """``sources`` articles in every edition of the portal ``slug``, over all its sections."""
    home = Channel.objects.get(slug=slug).home_page
    first = article(
        SectionPage.objects.child_of(home).first(),
        title=f"Tin {slug}",
        slug=f"tin-{slug}",
        translated_to=EDITIONS[1:],
    )
    sections = [_editions(section) for section in SectionPage.objects.child_of(home)]
    _copy_articles(_editions(first), sections, sources - 1)


def _peak_memory_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_reorganisation_throughput(search_engine):
    districts = _districts()
    sites = _catalogue(districts)
    started = time.monotonic()
    provision(sites)
    per_portal = max(1, PAGES // len(EDITIONS) // len(districts))
    for slug in districts:
        _fill(slug, per_portal)
    built = time.monotonic() - started
    before: dict[str, int] = {}
    for slug in districts:
        before |= old_urls(Channel.objects.get(slug=slug).home_page)
    plan = _plan(districts, sites)

    started = time.monotonic()
    planned = Reorganiser(plan, sites, dry_run=True).run()
    dry = time.monotonic() - started
    started = time.monotonic()
    applied = Reorganiser(plan, sites, dry_run=False).run()
    applied_in = time.monotonic() - started
    assert applied.actions == planned.actions
    moved = applied.totals()["pages moved in"]

    sample = list(before)
    if len(sample) > CRAWL:
        sample = random.Random(1).sample(sample, CRAWL)
    started = time.monotonic()
    bad = []
    for url in sample:
        response = get(url)
        if response.status_code != 301 or get(response["Location"]).status_code != 200:
            bad.append(url)
    crawled = time.monotonic() - started
    print(
        f"\n{len(districts)} portals, {per_portal} source articles each × {len(EDITIONS)} "
        f"editions built in {built:.0f} s; {Page.objects.count()} pages in the database"
        f"\ndry run {dry:.1f} s; applied {applied_in:.1f} s ({2 * len(districts)} new portals × "
        f"5 editions provisioned and the search index updated included): {moved} pages moved "
        f"({moved / applied_in:.1f} pages/s), {applied.totals()['redirects']} redirects "
        f"({Redirect.objects.count()} in the database); peak memory {_peak_memory_mib():.0f} MiB"
        f"\ncrawl: {len(sample)} of {len(before)} old addresses in {crawled:.1f} s, "
        f"not answering 301 → 200: {len(bad)}"
    )
    assert not bad
