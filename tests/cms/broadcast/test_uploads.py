"""Uploads of audio and video are judged by their content, not their names, and held to the
size limits in the settings; subtitle files are read before they replace anything. Refusals
say why, in the editor's language, and nothing is saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import ValidationError
from django.utils import translation
from wagtailmedia.models import Media

from cms.broadcast import uploads
from cms.demo.broadcast import tone_wav

pytestmark = pytest.mark.django_db

WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 60
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 60
MP3 = b"ID3\x04\x00" + b"\x00" * 60
M4A = b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 60
MP4 = b"\x00\x00\x00\x20ftypisom" + b"\x00" * 60


@pytest.mark.parametrize(
    ("head", "found"),
    [
        (tone_wav(0.1), ("audio", "audio/wav")),
        (MP3, ("audio", "audio/mpeg")),
        (M4A, ("audio", "audio/mp4")),
        (b"OggS\x00\x02" + b"\x00" * 60, ("audio", "audio/ogg")),
        (MP4, ("video", "video/mp4")),
        (WEBM, ("video", "video/webm")),
        (PNG, None),
        (b"<html>not a recording</html>", None),
    ],
)
def test_the_content_says_what_a_file_is(head, found):
    assert uploads.sniff(head) == found


def test_a_picture_named_like_a_recording_is_refused_in_the_editors_language():
    upload = SimpleUploadedFile("ban-tin.mp3", PNG)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        uploads.check(upload, "audio")
    assert error.value.code == "unknown_type"
    assert "nội dung" in error.value.messages[0]


def test_video_added_as_audio_is_refused():
    with pytest.raises(ValidationError) as error:
        uploads.check(SimpleUploadedFile("tin.mp3", WEBM), "audio")
    assert error.value.code == "wrong_kind"


def test_files_over_the_limit_of_their_kind_are_refused(settings):
    settings.BROADCAST_MAX_UPLOAD_BYTES = {"audio": 1000, "video": 10_000}
    with pytest.raises(ValidationError) as error:
        uploads.check(SimpleUploadedFile("tin.wav", tone_wav(1)), "audio")
    assert error.value.code == "too_large"
    assert "1000" in error.value.messages[0] or "KB" in error.value.messages[0]
    assert uploads.check(SimpleUploadedFile("tin.wav", tone_wav(0.05)), "audio") == "audio/wav"


def add_audio(client, name: str, content: bytes):
    return client.post(
        "/admin/media/audio/add/",
        {"title": "Bản tin sáng", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_the_media_library_refuses_a_disguised_file_and_saves_nothing(admin_client):
    response = add_audio(admin_client, "ban-tin.mp3", PNG)
    assert response.status_code == 200
    assert "theo nội dung tệp, không theo tên tệp" in response.content.decode()
    assert not Media.objects.exists()


def test_the_media_library_accepts_a_real_recording(admin_client):
    response = add_audio(admin_client, "ban-tin.wav", tone_wav(0.5))
    assert response.status_code == 302
    assert Media.objects.get().type == "audio"
