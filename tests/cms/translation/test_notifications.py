"""Notifications in the admin and by e-mail, in the recipient's language, delivered through a
real SMTP server (aiosmtpd) started here on loopback."""

from __future__ import annotations

import datetime
import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone

from cms.translation import jobs, notifications
from cms.translation.models import Notification, TranslationJob
from tests.cms.translation.conftest import translate_all


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[tuple[str, str]]:
        """The desk's messages to ``address`` (Wagtail's own workflow e-mails left out)."""
        messages = [
            (str(make_header(decode_header(m["Subject"]))), m.get_payload(decode=True).decode())
            for m in self.messages
            if m["To"] == address
        ]
        return [(subject, body) for subject, body in messages if "/admin/desk/job/" in body]


@pytest.fixture
def smtp():
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
        ):
            yield inbox
    finally:
        controller.stop()


def _language(user, code):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()


def test_assignment_review_return_and_source_change_by_smtp(
    smtp, en_job, story, translator_en, reviewer_en
):
    _language(translator_en, "vi")
    _language(reviewer_en, "en")
    jobs.assign(en_job, translator_en, reviewer_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    jobs.return_for_changes(en_job, reviewer_en, "Sửa tiêu đề")
    page = story.specific
    page.standfirst = "Nội dung mới hoàn toàn."
    page.save_revision().publish()

    to_translator = smtp.to(translator_en.email)
    to_reviewer = smtp.to(reviewer_en.email)
    assert len(to_translator) == 3  # assigned, returned, source changed
    subjects = " | ".join(subject for subject, _ in to_translator)
    assert "Bạn được giao" in subjects  # Vietnamese: the translator's admin language
    assert any("Sửa tiêu đề" in body for _, body in to_translator)
    # The link leads to the admin on the page's own site.
    link = f"{story.get_site().root_url}/admin/desk/job/{en_job.pk}/"
    assert any(link in body for _, body in to_translator)
    assert len(to_reviewer) == 1 and "awaits your review" in to_reviewer[0][1]
    kinds = set(Notification.objects.filter(recipient=translator_en).values_list("kind", flat=True))
    assert kinds == {"assigned", "returned", "source_changed"}


def test_deadline_approaching_and_overdue_once(smtp, en_job, translator_en, reviewer_en):
    _language(translator_en, "en")
    _language(reviewer_en, "en")
    jobs.assign(en_job, translator_en, reviewer_en)
    smtp.messages.clear()
    now = timezone.now()
    TranslationJob.objects.filter(pk=en_job.pk).update(deadline=now + datetime.timedelta(hours=2))
    assert notifications.send_deadline_reminders(now) == 1
    assert notifications.send_deadline_reminders(now) == 0
    later = now + datetime.timedelta(hours=3)
    assert notifications.send_deadline_reminders(later) == 1
    subjects = [subject for subject, _ in smtp.to(translator_en.email)]
    assert any("is due" in s for s in subjects) and any("is overdue" in s for s in subjects)
    assert any("is overdue" in s for s, _ in smtp.to(reviewer_en.email))


def test_unreachable_mail_server_does_not_block_the_desk(en_job, translator_en, reviewer_en):
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=9,
        EMAIL_TIMEOUT=2,
    ):
        jobs.assign(en_job, translator_en, reviewer_en)
    assert Notification.objects.filter(recipient=translator_en, kind="assigned").exists()
