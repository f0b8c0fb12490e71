"""Every e-mail goes through the outbox: while the mail server is down nothing is lost (desk
notifications, password resets), it is retried with back-off, sent exactly once when the server
is back, and a message that never goes out is shown to administrators."""

from __future__ import annotations

import datetime
import email
import itertools
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import EmailMessage
from django.test import override_settings
from django.utils import timezone

from cms.outbox import delivery
from cms.outbox.backend import KEY_HEADER
from cms.outbox.models import OutgoingMail
from cms.translation import jobs, notifications
from cms.translation.models import Notification

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def subjects(self, address: str) -> list[str]:
        return [
            str(make_header(decode_header(m["Subject"])))
            for m in self.messages
            if m["To"] == address
        ]


class MailServer:
    """A real SMTP server on a fixed loopback port, started and stopped by the test."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.inbox = Inbox()
        self.controller = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def server():
    """The outbox (Django's test set-up replaces EMAIL_BACKEND: put back here) delivers by SMTP
    to a server that is down until the test starts it."""
    mail_server = MailServer()
    with override_settings(
        EMAIL_BACKEND="cms.outbox.backend.OutboxBackend",
        OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=mail_server.port,
        EMAIL_TIMEOUT=5,
    ):
        yield mail_server
    mail_server.stop()


def later(minutes: int):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_desk_notification_survives_the_mail_server_being_down(
    server, en_job, translator_en, reviewer_en
):
    jobs.assign(en_job, translator_en, reviewer_en)
    mail = OutgoingMail.objects.get(to=[translator_en.email])
    assert mail.status == OutgoingMail.Status.PENDING and mail.attempts == 1
    assert "Connection refused" in mail.last_error or "Errno" in mail.last_error
    assert Notification.objects.filter(recipient=translator_en, kind="assigned").exists()

    server.start()
    assert delivery.deliver_due().sent == 0, "not before its next attempt"
    assert delivery.deliver_due(later(60)).sent == 1
    assert delivery.deliver_due(later(120)).sent == 0
    assert len(server.inbox.subjects(translator_en.email)) == 1, "exactly once"
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT and mail.sent_at


def test_a_password_reset_mail_waits_for_the_server(server, client, make_user):
    user = make_user("quen-mat-khau")
    user.email = "quen@example.org"
    user.save()
    response = client.post("/admin/password_reset/", {"email": "quen@example.org"})
    assert response.status_code == 302
    mail = OutgoingMail.objects.get(to=["quen@example.org"])
    assert mail.status == OutgoingMail.Status.PENDING and "/admin/password_reset/" in mail.body

    server.start()
    assert delivery.deliver_due(later(60)).sent == 1
    (message,) = server.inbox.messages
    assert message["Message-ID"] == mail.headers["Message-ID"]


def test_backoff_grows_and_a_message_that_never_goes_out_is_shown_to_administrators(
    server, client, make_user
):
    EmailMessage("Bản tin tuần", "Nội dung", "cms@example.org", ["doc-gia@example.org"]).send()
    mail = OutgoingMail.objects.get()
    waits = []
    for _attempt in range(delivery.MAX_ATTEMPTS - 1):
        mail.refresh_from_db()
        waits.append(mail.next_attempt_at)
        delivery.deliver_due(mail.next_attempt_at)
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.FAILED and mail.attempts == delivery.MAX_ATTEMPTS
    gaps = [(b - a).total_seconds() / 60 for a, b in itertools.pairwise(waits)]
    assert gaps[:6] == [2, 4, 8, 16, 32, 60] and max(gaps) == 60

    admin = make_user("quan-tri", superuser=True)
    client.force_login(admin)
    assert "Bản tin tuần" in client.get("/admin/outbox/?status=failed").content.decode()
    dashboard = client.get("/admin/").content.decode()
    assert "1 e-mail could not be sent" in dashboard or "1 thư không gửi được" in dashboard
    editor = make_user("bien-tap", "hanoimoi: editors")
    client.force_login(editor)
    assert client.get("/admin/outbox/").status_code in (302, 403)


def test_a_message_claimed_by_a_worker_that_died_is_sent_once_after_the_timeout(server):
    server.start()
    with override_settings(OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        EmailMessage("Thông báo", "Nội dung", "cms@example.org", ["a@example.org"]).send()
    mail = OutgoingMail.objects.get()
    OutgoingMail.objects.filter(pk=mail.pk).update(status="sending", claimed_at=mail.created_at)
    assert delivery.deliver_due(mail.created_at).sent == 0, "another worker holds it"
    after = mail.created_at + delivery.CLAIM_TIMEOUT * 2
    assert delivery.deliver_due(after).sent == 1
    assert delivery.deliver_due(after).sent == 0
    assert len(server.inbox.messages) == 1


def test_a_notification_task_that_runs_again_stores_no_second_mail(
    server, en_job, translator_en, reviewer_en
):
    server.start()
    jobs.assign(en_job, translator_en, reviewer_en)
    notification = Notification.objects.get(recipient=translator_en, kind="assigned")
    notifications.send_notification_email.call(notification.pk)
    assert OutgoingMail.objects.filter(key=f"desk-notification:{notification.pk}").count() == 1
    assert OutgoingMail.objects.filter(to=[translator_en.email]).count() == 1
    assert KEY_HEADER not in OutgoingMail.objects.get(to=[translator_en.email]).headers
