"""The podcast feed of a programme, read with feedparser as a podcast app would: the iTunes
tags apps expect, an enclosure per episode with its length and type, and a GUID that no edit
changes."""

from __future__ import annotations

import feedparser
import pytest
from wagtail.models import Locale

from cms.demo import broadcast as build
from cms.demo.factories import ImageFactory

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def read_feed(client, programme):
    response = client.get(programme.url + "feed/podcast/", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def response_of(client, programme) -> bytes:
    return client.get(programme.url + "feed/podcast/", HTTP_HOST=HOST).content


def test_the_feed_carries_the_tags_podcast_apps_expect(client, programme, episode):
    feed = read_feed(client, programme)
    assert feed.version == "rss20"
    assert "itunes" in feed.namespaces
    channel = feed.feed
    assert channel.title == "Hà Nội hôm nay"
    assert channel.language == "vi"
    assert channel.author == "Báo Hà Nội Mới"  # itunes:author, the site's name
    assert channel.tags[0].term == "News"
    assert not channel.itunes_explicit  # "false", as Apple's specification spells it
    assert b"<itunes:explicit>false</itunes:explicit>" in response_of(client, programme)
    (item,) = feed.entries
    assert item.title == "Số 0"
    assert item.itunes_duration == "00:00:05"
    assert item.id == f"urn:uuid:{episode.translation_key}:vi"
    assert item.guidislink is False
    (enclosure,) = item.enclosures
    assert enclosure.type.startswith("audio/")
    assert int(enclosure.length) == episode.media.file.size > 0
    assert enclosure.href.startswith("http://hanoimoi.localhost:8000/media/")


def test_the_feed_has_its_programme_cover_as_the_itunes_image(client, programme, episode):
    programme.cover_image = ImageFactory(scene="river")
    programme.save_revision().publish()
    feed = read_feed(client, programme)
    assert feed.feed.image.href.endswith(".jpg")


def test_an_episode_keeps_its_guid_when_edited(client, programme, episode):
    before = read_feed(client, programme).entries[0].id
    episode.title = "Số 0 (đã sửa)"
    episode.save_revision().publish()
    after = read_feed(client, programme).entries[0]
    assert after.title == "Số 0 (đã sửa)" and after.id == before


def test_each_edition_has_its_own_feed_in_its_language(client, translated_episode, programme):
    english = programme.get_translation(Locale.objects.get(language_code="en"))
    feed = read_feed(client, english)
    assert feed.feed.language == "en"
    assert feed.feed.title == "Hanoi Today"
    assert feed.feed.author == "Hanoi Moi Newspaper"
    (item,) = feed.entries
    assert item.title == "Hanoi Today 1"
    assert item.id == f"urn:uuid:{translated_episode.translation_key}:en"


def test_a_stream_episode_is_announced_with_an_unknown_length(client, programme):
    build.add_episode(
        programme,
        title="Trực tiếp",
        slug="truc-tiep",
        air_date="2026-11-03T19:30+07:00",
        stream_url="https://stream.example/hanoitv/today.mp3",
        duration=600,
    )
    (item,) = read_feed(client, programme).entries
    (enclosure,) = item.enclosures
    assert (enclosure.href, enclosure.length, enclosure.type) == (
        "https://stream.example/hanoitv/today.mp3",
        "0",
        "audio/mpeg",
    )
    assert item.itunes_duration == "00:10:00"
