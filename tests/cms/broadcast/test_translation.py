"""Episodes go to translation like every page: the desk's segments hold the title, summary,
transcript and subtitle texts, never the cue times, the recording or the stream address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.translation import jobs

pytestmark = pytest.mark.django_db


def test_the_translatable_strings_of_an_episode_are_its_texts_not_its_times(episode):
    strings = {
        segment.string.data
        for segment in extract_segments(episode)
        if isinstance(segment, StringSegmentValue)
    }
    assert {"Số 0", "Tóm tắt số 0.", "Bản ghi số 0."} <= strings
    assert {"Xin chào quý vị thính giả.", "Đây là chương trình Hà Nội hôm nay."} <= strings
    assert not any("00:0" in text for text in strings)


def test_an_episode_can_be_sent_to_the_translation_desk(episode, admin_user):
    (job,) = jobs.send_to_translation(
        [episode], ["en"], deadline=timezone.now() + dt.timedelta(days=1), user=admin_user
    )
    assert job.source_page.specific == episode
    assert job.target_locale.language_code == "en"
