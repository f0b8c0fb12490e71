"""Demo content for syndication and foreign-press monitoring: the foreign-affairs site's
"From the districts" page in every edition, a few district and channel articles offered for
foreign information, and clippings read from the feed files in ``content/monitoring`` (a
development machine fetches no foreign outlet; the sources are recorded inactive), some
already tagged and summarised so a digest can be made at once."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import yaml
from django.db import models
from django.utils import timezone
from wagtail.models import Locale

from cms.monitoring import intake
from cms.monitoring.matching import Matcher
from cms.monitoring.models import Clipping, KeywordRule, Source
from cms.news.models import ArticlePage, Topic
from cms.syndication.models import Syndication, SyndicationPage
from cms.translation.prefill import link_to_localize
from locales import registry
from sites.models import Channel

MONITORING_FOLDER = "monitoring"
FOREIGN_AFFAIRS_SITE = "songoaivu"

Register = Callable[[str, models.Model], None]
Existing = Callable[[str], Any]


def load_monitoring(
    content_dir: Path, register: Register, existing: Existing, locales: dict[str, Locale]
) -> None:
    """Load the syndication and monitoring demo content from ``content_dir/monitoring`` if there
    (idempotent, registered for removal)."""
    folder = content_dir / MONITORING_FOLDER
    if not (folder / "monitoring.yaml").is_file():
        return
    data = yaml.safe_load((folder / "monitoring.yaml").read_text("utf-8"))
    _listing(data["listing"], register, existing, locales)
    _offers(data["syndicate"], register, existing)
    _clippings(folder, data, register, existing)


def _listing(data: dict, register: Register, existing: Existing, locales: dict) -> None:
    key = "syndication:listing"
    if existing(key) is not None:
        return
    channel = Channel.objects.get(slug=FOREIGN_AFFAIRS_SITE)
    if channel.home_page is None:
        return
    page = SyndicationPage(
        title=data["title"][registry.SOURCE_LANGUAGE],
        slug=data["slug"],
        intro=data["intro"][registry.SOURCE_LANGUAGE],
    )
    channel.home_page.specific.add_child(instance=page)
    page.save_revision().publish()
    register(key, page)
    for code in channel.editions:
        if code == registry.SOURCE_LANGUAGE or code not in data["title"]:
            continue
        translation = page.copy_for_translation(locales[code])
        translation.title, translation.intro = data["title"][code], data["intro"][code]
        translation.save_revision().publish()
        link_to_localize(page, translation)
        register(f"{key}:{code}", translation)


def _offers(sites: dict[str, int], register: Register, existing: Existing) -> None:
    for channel in Channel.objects.filter(slug__in=sites, home_page__isnull=False):
        slug, count, home = channel.slug, sites[channel.slug], channel.home_page
        assert home is not None  # filtered above
        newest = (
            ArticlePage.objects.live()
            .filter(
                locale__language_code=registry.SOURCE_LANGUAGE,
                path__startswith=home.path,
            )
            .order_by("-publication_date", "-pk")[:count]
        )
        for article in newest:
            key = f"syndication:{slug}:{article.slug}"
            if existing(key) is None:
                register(key, Syndication.objects.create(article=article, channel=channel))


def _clippings(folder: Path, data: dict, register: Register, existing: Existing) -> None:
    for phrase in data["rules"]:
        key = f"monitoring:rule:{phrase}"
        if existing(key) is None:
            register(key, KeywordRule.objects.create(phrase=phrase))
    matcher = Matcher(data["rules"])
    loaded = []
    for item in data["sources"]:
        key = f"monitoring:source:{item['url']}"
        if existing(key) is not None:
            continue
        source = Source.objects.create(
            name=item["name"],
            url=item["url"],
            language=item["language"],
            country=item["country"],
            active=False,
        )
        register(key, source)
        loaded.append(source)
        entries = feedparser.parse((folder / item["file"]).read_bytes()).entries
        intake.store(source, entries, matcher)
    if loaded:
        _recent_and_worked(Clipping.objects.filter(source__in=loaded), data["worked"])


def _recent_and_worked(clippings, worked: list[dict]) -> None:
    """Date the clippings over the last days (the feed files are fixed; the demo's dates count
    back from today) and apply the press office's work."""
    now = timezone.now()
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for position, clipping in enumerate(clippings.order_by("-published_at", "pk")):
        clipping.published_at = now - datetime.timedelta(days=1 + position, hours=position)
        clipping.save(update_fields=["published_at"])
    for item in worked:
        clippings.filter(url=item["url"]).update(
            status=item["status"],
            topic=topics.get(item["topic"]),
            tone=item["tone"],
            summary_vi=item.get("summary", ""),
            summary_provenance="press.songoaivu" if item.get("summary") else "",
        )
