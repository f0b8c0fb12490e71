"""A programme with episodes on Hà Nội Mới's Vietnamese tree (any site's home may hold the
programmes page), built with the demo builders: a tone for audio, subtitles in three editions."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.models import Collection

from cms.broadcast.models import BROADCAST_TIMEZONE
from cms.demo import broadcast as build

CUES = [
    ("00:00.000", "00:02.500", "Xin chào quý vị thính giả."),
    ("00:02.500", "00:05.000", "Đây là chương trình Hà Nội hôm nay."),
]
TRANSLATED_CUES = {
    "en": ["Hello, listeners.", "This is Hanoi Today."],
    "zh-hans": ["各位听众，你们好。", "这里是《今日河内》。"],
}


@pytest.fixture
def index(channel):
    return build.add_index(channel.home_page, title="Chương trình", intro="Phát thanh đối ngoại.")


@pytest.fixture
def programme(index):
    return build.add_programme(
        index,
        title="Hà Nội hôm nay",
        slug="ha-noi-hom-nay",
        summary="Bản tin tiếng Anh về Thủ đô.",
        spoken_language="en",
        slots=[(0, "07:00", 30), (3, "19:30", 30)],
    )


@pytest.fixture
def audio(db):
    return build.add_audio("Bản tin", Collection.get_first_root_node(), 5, 440)


def add_episodes(programme, audio, count: int, start: int = 0) -> list:
    return [
        build.add_episode(
            programme,
            title=f"Số {n}",
            slug=f"so-{n}",
            air_date=dt.datetime(2026, 11, 1, 7, tzinfo=BROADCAST_TIMEZONE) + dt.timedelta(days=n),
            media=audio,
            summary=f"Tóm tắt số {n}.",
            transcript=f"<p>Bản ghi số {n}.</p>",
            cues=CUES,
        )
        for n in range(start, start + count)
    ]


@pytest.fixture
def episode(programme, audio):
    (episode,) = add_episodes(programme, audio, 1)
    return episode


@pytest.fixture
def translated_episode(programme, episode, index):
    """The episode with its programme and the programmes page in English and Chinese."""
    for code, title in (("en", "Hanoi Today"), ("zh-hans", "今日河内")):
        build.translate(index, code, {"title": f"Programmes {code}"})
        build.translate(programme, code, {"title": title, "summary": title})
        build.translate(
            episode,
            code,
            {
                "title": f"{title} 1",
                "summary": title,
                "transcript": f"<p>{title}</p>",
                "cue_texts": TRANSLATED_CUES[code],
            },
        )
    return episode
