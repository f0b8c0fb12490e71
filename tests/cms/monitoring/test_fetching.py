"""Fetching the monitored feeds from a feed server on loopback: matching entries become
clippings, the same story seen twice is merged, requests are conditional, and a feed that is
malformed, huge, slow, failing or unreachable is recorded as that feed's error while the
others are fetched."""

from __future__ import annotations

import socket

import pytest

from cms.monitoring import fetching
from cms.monitoring.models import Clipping, FetchAttempt, Sighting, Source
from tests.cms.monitoring.feed_server import ETAG, LAST_MODIFIED

pytestmark = pytest.mark.django_db


def source(server, path: str, name: str | None = None) -> Source:
    return Source.objects.create(name=name or path, url=server.url(path))


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


def test_matching_entries_in_every_language_become_clippings(feed_server, rules):
    attempt = fetching.fetch(source(feed_server, "/languages.xml"))
    assert attempt.outcome == Source.Outcome.OK
    assert attempt.new_clippings == 4
    matched = dict(Clipping.objects.values_list("url", "matched"))
    assert matched == {
        "https://mekong.example/vi/kieu-bao-dau-tu": "Hà Nội",
        "https://mekong.example/zh/lvyou-bolanhui": "河内",
        "https://mekong.example/lo/mittaphap": "ຮ່າໂນ້ຍ",
        "https://mekong.example/km/pithi-bon": "ហាណូយ",
    }


def test_second_fetch_is_conditional_and_unchanged_feed_adds_nothing(feed_server, rules):
    feed = source(feed_server, "/world.xml")
    first = fetching.fetch(feed)
    assert (first.outcome, first.new_clippings) == (Source.Outcome.OK, 1)
    feed.refresh_from_db()
    assert (feed.etag, feed.last_modified) == (ETAG, LAST_MODIFIED)

    second = fetching.fetch(feed)
    headers = feed_server.requests[-1][1]
    assert headers["If-None-Match"] == ETAG
    assert headers["If-Modified-Since"] == LAST_MODIFIED
    assert second.outcome == Source.Outcome.NOT_MODIFIED
    assert Clipping.objects.count() == 1


def test_same_story_from_two_feeds_is_one_clipping(feed_server, rules):
    fetching.fetch(source(feed_server, "/world.xml"))
    attempt = fetching.fetch(source(feed_server, "/mirror.xml"))
    assert attempt.new_clippings == 0
    (clipping,) = Clipping.objects.all()
    assert sorted(Sighting.objects.filter(clipping=clipping).values_list("url", flat=True)) == [
        "https://asiamirror.example/2026/11/30/hanoi-night-tours",
        "https://worldwire.example/asia/hanoi-night-tours",
    ]


def test_bad_feeds_are_recorded_and_do_not_stop_the_others(feed_server, rules, settings):
    settings.MONITORING_TIMEOUT_SECONDS = 0.5
    settings.MONITORING_MAX_BYTES = 20_000
    feed_server.huge_bytes = 200_000
    bad = {
        "malformed": source(feed_server, "/malformed.xml"),
        "huge": source(feed_server, "/huge.xml"),
        "slow": source(feed_server, "/slow.xml"),
        "failing": source(feed_server, "/error.xml"),
        "not a feed": source(feed_server, "/page.xml"),
        "unreachable": Source.objects.create(name="unreachable", url=closed_port_url()),
    }
    good = source(feed_server, "/languages.xml", name="good")

    attempts = fetching.fetch_due()

    assert len(attempts) == 7
    good.refresh_from_db()
    assert good.last_outcome == Source.Outcome.OK
    assert Clipping.objects.filter(source=good).count() == 4
    errors = {}
    for name, feed in bad.items():
        feed.refresh_from_db()
        assert feed.last_outcome == Source.Outcome.ERROR, name
        assert feed.consecutive_errors == 1
        errors[name] = feed.last_error
    # Recorded in the staff's language (Vietnamese here, the project's default).
    assert errors["malformed"].startswith("Không phải nguồn RSS hoặc Atom đọc được")
    assert errors["not a feed"].startswith("Không phải nguồn RSS hoặc Atom đọc được")
    assert errors["huge"] == "Nguồn tin lớn hơn 19 KB."
    assert errors["slow"] == "Không có phản hồi trong 0.5 giây."
    assert errors["failing"] == "Máy chủ trả lời 500."
    assert errors["unreachable"].startswith("Không kết nối được")
    assert FetchAttempt.objects.filter(outcome=Source.Outcome.ERROR).count() == 6


def test_a_feed_is_not_fetched_again_before_its_interval(feed_server, rules):
    source(feed_server, "/world.xml")
    assert len(fetching.fetch_due()) == 1
    assert fetching.fetch_due() == []
