"""Checks on uploaded audio and video: the file's own bytes say what it is (never its name),
it must be the kind the editor chose (audio or video), and no larger than the limit for that
kind (``settings.BROADCAST_MAX_UPLOAD_BYTES``). Used as wagtailmedia's form base, so every
upload route (media library, chooser) passes here."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtailmedia.forms import BaseMediaForm

AUDIO = "audio"
VIDEO = "video"


def sniff(head: bytes) -> tuple[str, str] | None:
    """(kind, MIME type) of a media file from its first bytes, or None when it is no audio or
    video format we serve."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return AUDIO, "audio/wav"
    if head[:4] == b"fLaC":
        return AUDIO, "audio/flac"
    if head[:4] == b"OggS":
        return (VIDEO, "video/ogg") if b"\x80theora" in head else (AUDIO, "audio/ogg")
    if head[:3] == b"ID3":
        return AUDIO, "audio/mpeg"
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        # An MPEG audio frame or an AAC (ADTS) frame: the layer bits are zero for ADTS.
        return (AUDIO, "audio/aac") if head[1] & 0x06 == 0 else (AUDIO, "audio/mpeg")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"M4A ", b"M4B ", b"M4P "):
            return AUDIO, "audio/mp4"
        return VIDEO, "video/quicktime" if brand == b"qt  " else "video/mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return VIDEO, "video/webm"
    return None


def max_bytes(kind: str) -> int:
    """The upload limit for ``kind`` (audio or video), in bytes."""
    return int(settings.BROADCAST_MAX_UPLOAD_BYTES[kind])


def check(upload: UploadedFile, kind: str) -> str:
    """The MIME type of an acceptable upload of ``kind``; raises ``ValidationError`` with a
    message for the editor otherwise. Reads only the first bytes."""
    limit = max_bytes(kind)
    if upload.size is not None and upload.size > limit:
        message = (
            _("Audio files may be at most %(limit)s; this one is %(size)s.")
            if kind == AUDIO
            else _("Video files may be at most %(limit)s; this one is %(size)s.")
        )
        raise forms.ValidationError(
            message % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    found = sniff(head)
    if found is None:
        raise forms.ValidationError(
            _(
                "This file is not audio or video in a format we can publish "
                "(MP3, AAC, M4A, Ogg, WAV, FLAC, MP4, WebM); its name does not decide this, "
                "its content does."
            ),
            code="unknown_type",
        )
    if found[0] != kind:
        raise forms.ValidationError(
            _("This file holds video, not audio: add it as video.")
            if found[0] == VIDEO
            else _("This file holds audio, not video: add it as audio."),
            code="wrong_kind",
        )
    return found[1]


class CheckedMediaForm(BaseMediaForm):
    """wagtailmedia's form, with the content and size checks on the uploaded file."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check(upload, self.instance.type or AUDIO)
        return upload
