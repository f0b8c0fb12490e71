"""Sending an issue through a real SMTP server on loopback: every confirmed subscriber gets
it once, in their language, with one-click unsubscribe headers; a worker that dies half-way
is resumed by the next and nobody gets the issue twice; a refused address is marked."""

from __future__ import annotations

import datetime
import smtplib

import pytest
from django.core.mail.backends.smtp import EmailBackend
from django.utils import timezone

from cms.bulletins import sending
from cms.bulletins.models import Delivery, Issue, SendLogEntry, Subscriber
from tests.cms.bulletins.conftest import TITLES
from tests.cms.bulletins.mailserver import MailServer

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for the worker process dying (not an error the sender could catch)."""


class DyingBackend(EmailBackend):
    """Django's SMTP backend; the worker dies right after the server accepted ``LIMIT``
    messages, before the sender could record the last one as sent."""

    LIMIT = 0
    accepted = 0

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        DyingBackend.accepted += sent
        if DyingBackend.accepted >= DyingBackend.LIMIT:
            raise WorkerKilled
        return sent


@pytest.fixture
def server(settings):
    with MailServer(refused=("gone@example.org",)) as mail_server:
        mail_server.configure(settings)
        yield mail_server


def test_each_subscriber_gets_the_issue_once_in_their_language(issue, subscribe, server):
    subscribe("ambassade@example.fr", "en")
    subscribe("dsq@example.la", "lo", "en")
    subscribe("pending@example.org", "en", status=Subscriber.Status.PENDING)
    assert sending.start(issue) == 2
    assert sending.start(issue) == 0  # a second click sends nothing

    by_address = {str(m["To"]): m for m in server.inbox.messages}
    assert set(by_address) == {"ambassade@example.fr", "dsq@example.la"}
    lao = by_address["dsq@example.la"]
    assert TITLES["lo"] in lao.get_body(("html",)).get_content()
    assert TITLES["lo"] in lao.get_body(("plain",)).get_content()
    assert lao["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/lo/bulletins/unsubscribe/" in lao["List-Unsubscribe"]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert sending.report(issue)["sent"] == 2


def test_a_bilingual_issue_shows_vietnamese_and_english_side_by_side(issue, subscribe, server):
    issue.layout = Issue.Layout.BILINGUAL
    issue.save()
    subscribe("embassy@example.jp", "zh-hans")
    sending.start(issue)
    (message,) = server.inbox.messages
    html = message.get_body(("html",)).get_content()
    assert TITLES["vi"] in html and TITLES["en"] in html
    assert TITLES["zh-hans"] not in html
    assert 'lang="vi"' in html and 'lang="en"' in html


def test_a_send_interrupted_half_way_and_resumed_delivers_each_message_once(
    issue, subscribe, server, settings
):
    addresses = [f"reader{n}@example.org" for n in range(10)]
    for address in addresses:
        subscribe(address, "en")
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.DyingBackend"
    DyingBackend.accepted, DyingBackend.LIMIT = 0, 4
    sending.start(issue)  # the worker's task dies (the task queue records it as failed)
    assert len(server.inbox.messages) == 4
    # The fourth was accepted but the worker died before recording it: still claimed.
    assert issue.deliveries.filter(status=Delivery.Status.SENDING).count() == 1

    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    later = timezone.now() + sending.CLAIM_TIMEOUT + datetime.timedelta(seconds=1)
    assert sending.deliver(issue.pk, now=later) == 6

    assert server.inbox.count_by_recipient() == dict.fromkeys(addresses, 1)
    counts = sending.report(issue)
    assert counts["sent"] == 9 and counts["unconfirmed"] == 1
    assert issue.log.filter(event=SendLogEntry.Event.UNCONFIRMED, count=1).exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert sending.deliver(issue.pk, now=later) == 0  # running again sends nothing
    assert len(server.inbox.messages) == 10


def test_a_refused_address_is_marked_and_the_others_are_sent(issue, subscribe, server):
    subscribe("gone@example.org", "en")
    subscribe("here@example.org", "en")
    sending.start(issue)
    assert server.inbox.count_by_recipient() == {"here@example.org": 1}
    gone = Subscriber.objects.get(email="gone@example.org")
    assert gone.status == Subscriber.Status.BOUNCED
    assert gone.bounce_reason.startswith("550")
    assert sending.report(issue)["bounced"] == 1


def test_while_the_server_is_down_the_issue_waits_and_is_sent_later(issue, subscribe, settings):
    subscribe("later@example.org", "en")
    with MailServer() as mail_server:
        mail_server.configure(settings)
    # stopped: nothing listens on the port any more
    sending.start(issue)
    delivery = issue.deliveries.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
    assert issue.log.filter(event=SendLogEntry.Event.PAUSED).exists()
    with MailServer() as mail_server:
        mail_server.configure(settings)
        later = timezone.now() + datetime.timedelta(minutes=2)
        assert sending.deliver(issue.pk, now=later) == 1
        assert mail_server.inbox.count_by_recipient() == {"later@example.org": 1}


def test_permanent_and_temporary_refusals_are_told_apart():
    refused = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"No such mailbox")})
    assert sending._permanent(refused) == (True, "550 No such mailbox")
    busy = smtplib.SMTPDataError(451, b"Try again later")
    assert sending._permanent(busy) == (False, "451 Try again later")
