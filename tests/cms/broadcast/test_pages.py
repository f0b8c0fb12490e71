"""Reader pages of the broadcaster: the episode plays with preload="none" and offers one
subtitle track per edition that has subtitles, named in its own language; the subtitles are
served as WebVTT; the programme lists its episodes; the schedule shows the week in Hanoi time."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from cms.broadcast import webvtt
from cms.broadcast.models import EpisodePage
from cms.demo import broadcast as build
from tests.cms.broadcast.conftest import TRANSLATED_CUES, add_episodes

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_an_episode_plays_its_audio_without_preloading(client, episode):
    page = soup(client, episode.url)
    audio = page.find("audio")
    assert audio["preload"] == "none"
    assert audio.has_attr("controls")
    source = audio.find("source")
    assert source["src"] == episode.media.url
    assert source["type"] == "audio/wav"
    assert "Bản ghi số 0." in page.find(class_="transcript").get_text()


def test_an_episode_offers_a_subtitle_track_per_edition_named_in_its_own_language(
    client, translated_episode
):
    page = soup(client, translated_episode.url)
    tracks = page.find("audio").find_all("track")
    assert [(t["srclang"], t["label"], t["kind"]) for t in tracks] == [
        ("vi", "Tiếng Việt", "subtitles"),
        ("en", "English", "subtitles"),
        ("zh-hans", "简体中文", "subtitles"),
    ]
    assert tracks[0].has_attr("default") and not tracks[1].has_attr("default")
    for track in tracks:
        response = client.get(track["src"], HTTP_HOST=HOST)
        assert response.status_code == 200, track["src"]
        assert response["Content-Type"] == "text/vtt; charset=utf-8"
        cues = webvtt.parse(response.content)
        if track["srclang"] in TRANSLATED_CUES:
            assert [cue.text for cue in cues] == TRANSLATED_CUES[track["srclang"]]
        assert [(cue.start, cue.end) for cue in cues] == [(0, 2500), (2500, 5000)]


def test_the_chinese_episode_puts_its_own_track_first(client, translated_episode):
    chinese = translated_episode.get_translation(Locale.objects.get(language_code="zh-hans"))
    page = soup(client, chinese.url)
    assert page.html["lang"] == "zh-hans"
    first = page.find("track")
    assert (first["srclang"], first.has_attr("default")) == ("zh-hans", True)


def test_an_episode_without_subtitles_has_no_track(client, programme, audio):
    episode = build.add_episode(
        programme,
        title="Không phụ đề",
        slug="khong",
        air_date="2026-11-02T07:00+07:00",
        media=audio,
    )
    assert soup(client, episode.url).find("track") is None


def test_the_programme_lists_its_episodes_newest_first_and_links_its_feed(client, programme, audio):
    add_episodes(programme, audio, 12)
    page = soup(client, programme.url)
    titles = [h.get_text(strip=True) for h in page.select(".episode-card__title")]
    assert titles == [f"Số {n}" for n in range(11, 1, -1)]
    assert page.select_one('a[rel="next"]')["href"] == "?page=2"
    feed = page.select_one('link[type="application/rss+xml"][href$="feed/podcast/"]')
    assert feed is not None
    second = soup(client, programme.url + "?page=2")
    assert [h.get_text(strip=True) for h in second.select(".episode-card__title")] == [
        "Số 1",
        "Số 0",
    ]


def test_the_schedule_shows_each_day_in_hanoi_time(client, index, programme):
    page = soup(client, index.url + "schedule/")
    days = page.select(".schedule__day")
    assert len(days) == 7
    assert "07:00" in days[0].get_text() and "Hà Nội hôm nay" in days[0].get_text()
    assert "19:30" in days[3].get_text()
    assert "Hà Nội hôm nay" not in days[1].get_text()


def test_a_video_stream_plays_in_a_video_element_without_preloading(client, programme):
    episode = build.add_episode(
        programme,
        title="Truyền hình trực tiếp",
        slug="truc-tiep",
        air_date="2026-11-03T19:30+07:00",
        stream_url="https://stream.example/hanoitv/live.mp4",
        stream_kind="video",
        duration=1800,
    )
    video = soup(client, episode.url).find("video")
    assert video is not None and video["preload"] == "none"
    assert video.find("source")["type"] == "video/mp4"


def test_an_episode_needs_a_file_or_a_stream_and_not_both(programme, audio):
    episode = EpisodePage(title="Trống", slug="trong", air_date="2026-11-04T07:00+07:00")
    with pytest.raises(ValidationError) as error:
        episode.clean()
    assert "media" in error.value.message_dict
    episode.media, episode.stream_url = audio, "https://stream.example/a.mp3"
    with pytest.raises(ValidationError) as error:
        episode.clean()
    assert "stream_url" in error.value.message_dict
