"""The episode editor: a WebVTT file uploaded with the page becomes its subtitles; a malformed
one is refused with the line and the reason, and nothing the editor typed is lost."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.broadcast.models import EpisodePage

pytestmark = pytest.mark.django_db

GOOD = b"WEBVTT\n\n00:00.000 --> 00:01.500\nBan tin sang\n\n00:01.500 --> 00:03.000\nThoi tiet\n"
BAD = b"WEBVTT\n\n00:00.000 --> 00:01.500\nBan tin\n\n00:04.000 --> 00:03.000\nSai\n"


def post_edit(client, episode, upload: bytes, title: str):
    data = nested_form_data(
        {
            "title": title,
            "slug": episode.slug,
            "air_date": "2026-11-01 07:00",
            "summary": "Tóm tắt mới.",
            "media": episode.media_id,
            "stream_url": "",
            "stream_kind": "audio",
            "duration": "",
            "transcript": rich_text("<p>Bản ghi.</p>"),
            "cues": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data["subtitles_file"] = SimpleUploadedFile("phu-de.vtt", upload, "text/vtt")
    return client.post(f"/admin/pages/{episode.pk}/edit/", data)


def test_an_uploaded_webvtt_file_becomes_the_subtitles(admin_client, episode):
    response = post_edit(admin_client, episode, GOOD, "Số 0")
    assert response.status_code == 302, response.context["form"].errors
    saved = EpisodePage.objects.get(pk=episode.pk).get_latest_revision_as_object()
    assert [(c.start, c.end, c.text) for c in saved.subtitle_cues()] == [
        (0, 1500, "Ban tin sang"),
        (1500, 3000, "Thoi tiet"),
    ]


def test_a_malformed_webvtt_file_is_refused_and_the_edits_stay_on_screen(admin_client, episode):
    before = episode.latest_revision_id
    response = post_edit(admin_client, episode, BAD, "Số 0 (đang sửa)")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["subtitles_file"] == [
        "Dòng 6: dòng phụ đề phải kết thúc sau thời điểm bắt đầu."
    ]
    assert form["title"].value() == "Số 0 (đang sửa)"
    assert EpisodePage.objects.get(pk=episode.pk).latest_revision_id == before
