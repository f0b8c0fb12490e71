"""Oversight dashboard benchmark (run on demand, not part of ``make test``)::

    .venv/bin/python -m pytest tests/benchmarks/bench_oversight.py -p no:randomly -s

Provisions every site of the catalogue (36 publishing sites × 5 editions), then inserts
``OVERSIGHT_BENCH_PAGES`` pages (default 1,500,000) in bulk: Vietnamese items over two years
in every site's sections, with English, Chinese, Lao and Khmer translations for a share of
them (same translation key, published hours later), plus desk jobs (published ones with their
lag, open ones, some overdue). Measures the snapshot refresh (the worker task) and the
dashboard's render time and query count. Figures go to docs/oversight.md. Add
``DATABASE_URL=postgres://…`` to measure on PostgreSQL."""

from __future__ import annotations

import datetime
import os
import random
import statistics
import time
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms.news.models import SectionPage
from cms.oversight import figures
from cms.translation import jobs
from cms.translation.models import TranslationJob
from sites import catalogue, roles
from sites.models import Channel
from sites.provisioning import provision
from tests.cms.helpers import article

PAGES = int(os.environ.get("OVERSIGHT_BENCH_PAGES", "1500000"))
BATCH = 5_000
SHARES = {"en": 0.6, "zh-hans": 0.35, "lo": 0.15, "km": 0.15}
pytestmark = pytest.mark.django_db


def _sections() -> list[tuple[Channel, dict[str, Page]]]:
    """Each site's news section in every edition it has."""
    found = []
    for channel in Channel.objects.active().exclude(kind=Channel.Kind.DIRECTORY):
        source = SectionPage.objects.child_of(channel.home_page).filter(slug="tin-tuc").first()
        if source is None:
            continue
        editions = {
            page.locale.language_code: page
            for page in Page.objects.filter(translation_key=source.translation_key).select_related(
                "locale"
            )
        }
        found.append((channel, editions))
    return found


def build(count: int, rng: random.Random) -> tuple[int, list[tuple[int, int]]]:
    """Insert about ``count`` pages; returns how many, and (source page id, locale id) of a
    sample of the translations, for the desk jobs."""
    kind = ContentType.objects.get_for_model(Page)
    sections = _sections()
    steps: dict[int, int] = {}
    now = timezone.now()
    made = 0
    samples = []
    n = 0
    while made < count:
        pages: list[Page] = []
        while len(pages) < BATCH and made < count:
            _channel, editions = sections[n % len(sections)]
            key = uuid.uuid4()
            published = now - datetime.timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
            languages = ["vi"] + [
                code for code, share in SHARES.items() if code in editions and rng.random() < share
            ]
            for code in languages:
                parent = editions[code]
                steps[parent.pk] = steps.get(parent.pk, parent.numchild) + 1
                lag = datetime.timedelta(hours=rng.randrange(1, 96)) if code != "vi" else None
                when = min(published + lag, now) if lag else published
                slug = f"bai-{n}"
                pages.append(
                    Page(
                        title=f"Bài số {n}",
                        draft_title=f"Bài số {n}",
                        slug=slug,
                        path=Page._get_path(parent.path, parent.depth + 1, steps[parent.pk]),
                        depth=parent.depth + 1,
                        numchild=0,
                        url_path=f"{parent.url_path}{slug}/",
                        content_type=kind,
                        locale_id=parent.locale_id,
                        translation_key=key,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=when,
                        last_published_at=when,
                    )
                )
                made += 1
            n += 1
        with transaction.atomic():
            created = Page.objects.bulk_create(pages)
        by_key: dict[uuid.UUID, int] = {}
        for page in created:
            if page.locale_id == sections[0][1]["vi"].locale_id:
                by_key[page.translation_key] = page.pk
        for page in created[:: max(len(created) // 200, 1)]:
            source = by_key.get(page.translation_key)
            if source and source != page.pk:
                samples.append((source, page.locale_id))
    for _channel, editions in sections:
        for parent in editions.values():
            Page.objects.filter(pk=parent.pk).update(numchild=steps.get(parent.pk, 0))
    return made, samples


def add_jobs(samples, rng: random.Random) -> int:
    """Published jobs with their lag and open ones (a fifth overdue) for the sampled
    translations; one real wagtail-localize translation stands behind them all (the figures
    never read it)."""
    section = SectionPage.objects.child_of(Channel.objects.get(slug="hanoimoi").home_page).get(
        slug="tin-tuc"
    )
    story = article(section, title="Bài mẫu cho việc dịch")
    (job,) = jobs.send_to_translation(
        [story], ["en"], deadline=timezone.now(), check_permission=False
    )
    translation = Translation.objects.get(pk=job.translation_id)
    now = timezone.now()
    made = []
    for source, locale_id in samples:
        open_job = rng.random() < 0.25
        made.append(
            TranslationJob(
                translation=translation,
                source_page_id=source,
                target_locale_id=locale_id,
                channel_id=None,
                status=TranslationJob.Status.QUEUED
                if open_job
                else TranslationJob.Status.PUBLISHED,
                deadline=now + datetime.timedelta(hours=rng.randrange(-48, 96)),
                published_lag=None if open_job else datetime.timedelta(hours=rng.randrange(1, 96)),
            )
        )
    TranslationJob.objects.bulk_create(made, batch_size=BATCH)
    # each job's site, as the desk records it, in one statement per site
    for channel in Channel.objects.exclude(home_page=None):
        TranslationJob.objects.filter(source_page__path__startswith=channel.home_page.path).update(
            channel=channel
        )
    return len(made)


def test_dashboard_renders_from_the_snapshot(client):
    provision(catalogue.load())
    rng = random.Random(2026)
    started = time.perf_counter()
    made, samples = build(PAGES, rng)
    built = time.perf_counter() - started
    jobs_made = add_jobs(samples, rng)
    started = time.perf_counter()
    snapshot = figures.refresh()
    refresh = time.perf_counter() - started
    viewer = roles.members(roles.Role.OVERSIGHT).first()
    if viewer is None:
        viewer = get_user_model().objects.create_user("bench-oversight", password="pw")
        viewer.groups.add(Group.objects.get(name=roles.OVERSIGHT_GROUP))
    client.force_login(viewer)
    client.get(reverse("oversight_dashboard"))
    times = []
    for _ in range(10):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(reverse("oversight_dashboard"))
            times.append(time.perf_counter() - started)
        assert response.status_code == 200
    rows = snapshot.rows.count()
    sites = snapshot.rows.values("channel").distinct().count()
    print(
        f"\n{made:,} pages inserted in {built:.1f} s, {jobs_made:,} desk jobs; "
        f"{sites} sites, {rows} editions\n"
        f"snapshot refresh (worker task): {refresh:.2f} s over {snapshot.pages:,} items\n"
        f"dashboard render: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms, {len(queries)} queries "
        f"({connection.vendor})"
    )
