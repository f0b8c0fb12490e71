"""Fixtures for the press office: a real SMTP server on loopback behind the outbox, press
officers of two sites, and the files a journalist may upload."""

from __future__ import annotations

import email
import io
import socket
from email.header import decode_header, make_header
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from sites import roles

SONGOAIVU = "songoaivu.localhost:8000"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def subject(message: Message) -> str:
        return str(make_header(decode_header(message["Subject"])))

    @staticmethod
    def body(message: Message) -> str:
        return message.get_payload(decode=True).decode(message.get_content_charset())


@pytest.fixture
def smtp():
    """The outbox delivering by SMTP to a real server on loopback, started here."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="cms.outbox.backend.OutboxBackend",
            OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_TIMEOUT=5,
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.fixture
def private_root():
    return settings.CMS_PRIVATE_ROOT


def denied(response) -> bool:
    """403, or Wagtail's answer to a refusal in the admin: back to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def absent(response) -> bool:
    """404, or the admin's 404 as the language middleware answers it: a redirect to the same
    address under the language prefix (which answers 404 in turn)."""
    path = response.wsgi_request.path
    return response.status_code == 404 or (
        response.status_code == 302
        and response["Location"].endswith(path)
        and response["Location"] != path
    )


@pytest.fixture
def officer(make_user):
    return make_user("press-songoaivu", f"songoaivu: {roles.PRESS_OFFICERS}")


@pytest.fixture
def other_officer(make_user):
    return make_user("press-hanoimoi", f"hanoimoi: {roles.PRESS_OFFICERS}")


def picture(kind: str = "JPEG", *, gps: bool = False, size=(640, 400)) -> bytes:
    """A picture as a phone makes it: with camera and GPS EXIF tags when ``gps``."""
    image = Image.new("RGB", size, (30, 90, 160))
    out = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "Phone maker"  # Make
        exif[0x0110] = "Phone 12"  # Model
        exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 12.0)})
    image.save(out, kind, exif=exif.tobytes() if gps else b"")
    return out.getvalue()


def upload(data: bytes, name: str = "the-card.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def form_data(**changes) -> dict:
    data = {
        "kind": "accreditation",
        "name": "Lý Minh Hoa",
        "outlet": "Đông Phương Thời Báo",
        "country": "Singapore",
        "email": "ly.minhhoa@example.org",
        "phone": "+65 6000 0000",
        "topics": "Họp báo về Lễ hội Văn hóa Hữu nghị",
        "date_from": "2026-12-10",
        "date_to": "2026-12-12",
        "message": "Tôi muốn tham dự buổi họp báo.",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def media_root() -> str:
    return str(settings.MEDIA_ROOT)
