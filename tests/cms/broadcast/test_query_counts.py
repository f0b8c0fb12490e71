"""Broadcast pages render with a fixed number of SQL queries: the programme page whatever the
number of episodes, the episode page whatever the number of subtitle editions, the schedule
whatever the number of programmes (caches empty except the site frame, as for the news pages)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.demo import broadcast as build
from tests.cms.broadcast.conftest import TRANSLATED_CUES, add_episodes

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"
# Routing finds one page per level: an episode sits three levels below its edition's home.
QUERY_BUDGET = 16


def queries_for(client, url: str) -> int:
    client.get(url, HTTP_HOST=HOST)  # warm the site frame and the site-root cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return len(captured)


def test_the_programme_page_does_not_grow_with_its_episodes(client, programme, audio):
    add_episodes(programme, audio, 2)
    few = queries_for(client, programme.url)
    add_episodes(programme, audio, 12, start=2)
    many = queries_for(client, programme.url)
    assert few == many <= QUERY_BUDGET
    assert queries_for(client, programme.url + "?page=2") == many


def test_the_episode_page_does_not_grow_with_its_subtitle_editions(client, episode):
    alone = queries_for(client, episode.url)
    for code, texts in TRANSLATED_CUES.items():
        build.translate(episode.get_parent().get_parent().specific, code, {"title": code})
        build.translate(episode.get_parent().specific, code, {"title": code, "summary": code})
        build.translate(episode, code, {"title": code, "cue_texts": texts})
    assert queries_for(client, episode.url) == alone <= QUERY_BUDGET


def test_the_schedule_does_not_grow_with_the_programmes(client, index, programme):
    one = queries_for(client, index.url + "schedule/")
    for n in range(3):
        build.add_programme(
            index,
            title=f"Chương trình {n}",
            slug=f"ct-{n}",
            summary="Tóm tắt.",
            slots=[(n, "08:00", 15)],
        )
    assert queries_for(client, index.url + "schedule/") == one <= QUERY_BUDGET
    assert queries_for(client, index.url) <= QUERY_BUDGET
