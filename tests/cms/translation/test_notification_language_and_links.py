"""Notifications in the recipient's admin language (never the sender's), for queued, assigned,
returned, approved and overdue jobs; their e-mails go through the outbox with a link to the
job on the host of its site; an unread count in the admin menu, and mark as read."""

from __future__ import annotations

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.users.models import UserProfile

from cms.outbox.models import OutgoingMail
from cms.translation import jobs, notifications
from cms.translation.models import Notification
from sites import roles
from tests.cms.helpers import article
from tests.cms.translation.conftest import translate_all


def _speaks(user, code: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    return user


@pytest.fixture
def lao_translator(make_user):
    user = make_user("translator-lo-n", roles.translators_group("lo"))
    user.email = "translator-lo@example.org"
    user.save()
    return _speaks(user, "lo")


def _kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_queued_jobs_are_announced_to_the_languages_translators_in_their_language(
    send, lao_translator, translator_en, editor
):
    _speaks(translator_en, "en")
    with translation.override("vi"):  # the sender's request was in Vietnamese
        en_job, lo_job = send(["en", "lo"])
    (lao,) = Notification.objects.filter(recipient=lao_translator)
    assert lao.kind == notifications.QUEUED and lao.job == lo_job
    assert "ລໍຖ້າ" in lao.message and "ພາສາລາວ" in lao.message  # Lao, naming Lao in Lao
    (english,) = Notification.objects.filter(recipient=translator_en)
    assert english.job == en_job and "into English is waiting in the queue" in english.message
    assert not Notification.objects.filter(recipient=editor).exists()


def test_a_recipient_without_a_preference_reads_the_default_language_whoever_sends(
    en_job, translator_en, reviewer_en
):
    UserProfile.objects.filter(user=translator_en).delete()
    with translation.override("en"):
        jobs.assign(en_job, translator_en, reviewer_en)
    (message,) = Notification.objects.filter(recipient=translator_en, kind="assigned")
    assert message.message.startswith("Bạn được giao")


def test_assigned_returned_approved_and_overdue_reach_the_right_people(
    en_job, translator_en, reviewer_en, editor
):
    _speaks(translator_en, "en")
    _speaks(editor, "en")
    jobs.assign(en_job, translator_en, reviewer_en)
    notifications.send_deadline_reminders(timezone.now() + datetime.timedelta(days=5))
    assert "overdue" in _kinds(translator_en) and "overdue" in _kinds(reviewer_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    jobs.return_for_changes(en_job, reviewer_en, "Fix the title")
    jobs.submit(en_job, translator_en)
    jobs.approve(en_job, reviewer_en)
    assert _kinds(translator_en).count("assigned") == 1
    assert "returned" in _kinds(translator_en) and "approved" in _kinds(translator_en)
    assert "approved" in _kinds(editor)  # who sent it
    assert "approved" not in _kinds(reviewer_en)  # who approved it


OUTBOX = override_settings(EMAIL_BACKEND="cms.outbox.backend.OutboxBackend")


@OUTBOX
def test_the_email_goes_through_the_outbox_with_a_link_to_the_jobs_own_host(
    en_job, translator_en, reviewer_en
):
    _speaks(translator_en, "en")
    jobs.assign(en_job, translator_en, reviewer_en)
    (mail,) = OutgoingMail.objects.filter(to=[translator_en.email])
    link = f"http://hanoimoi.localhost:8000/admin/desk/job/{en_job.pk}/"
    assert link in mail.body
    assert "http://localhost:8000/" not in mail.body
    assert mail.subject.startswith("Translation desk: You were assigned")


@OUTBOX
@override_settings(CMS_ADMIN_BASE_URL="https://cms.hanoi.example/")
def test_a_configured_admin_host_wins(en_job, translator_en, reviewer_en):
    jobs.assign(en_job, translator_en, reviewer_en)
    (mail,) = OutgoingMail.objects.filter(to=[translator_en.email])
    assert f"https://cms.hanoi.example/admin/desk/job/{en_job.pk}/" in mail.body


def _menu_label(client) -> str:
    html = client.get(reverse("wagtailadmin_home")).content
    props = json.loads(BeautifulSoup(html, "html.parser").find(id="wagtail-sidebar-props").string)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type") == "wagtail.sidebar.LinkMenuItem":
                item = node["_args"][0]
                if item["name"] == "desk":
                    found.append(item["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    (label,) = found
    return label


def test_unread_count_in_the_menu_and_mark_as_read(client, send, section, lao_translator):
    send(["lo"])
    send(["lo"], page=article(section, title="Bài thứ hai"))
    assert Notification.objects.filter(recipient=lao_translator, read_at=None).count() == 2
    client.force_login(lao_translator)
    assert _menu_label(client).endswith("(2)")
    first = Notification.objects.filter(recipient=lao_translator).first()
    client.post(reverse("desk:notification_read", args=[first.pk]))
    assert _menu_label(client).endswith("(1)")
    client.post(reverse("desk:notifications_read_all"))
    assert "(" not in _menu_label(client)
    assert not Notification.objects.filter(recipient=lao_translator, read_at=None).exists()


def test_nobody_marks_someone_elses_notification(client, send, lao_translator, translator_en):
    send(["lo"])
    notification = Notification.objects.get(recipient=lao_translator)
    client.force_login(translator_en)
    response = client.post(reverse("desk:notification_read", args=[notification.pk]))
    assert response.status_code in (302, 404)
    notification.refresh_from_db()
    assert notification.read_at is None


def _desk_notices(client) -> list[str]:
    html = client.get(reverse("desk:index")).content
    return [
        " ".join(li.get_text().split())
        for li in BeautifulSoup(html, "html.parser").select("#desk-notifications li")
    ]


def test_the_desk_shows_notifications_in_the_language_the_reader_chose_since(
    client, en_job, translator_en, reviewer_en
):
    UserProfile.objects.filter(user=translator_en).delete()  # the default: Vietnamese
    Notification.objects.filter(recipient=translator_en).delete()
    jobs.assign(en_job, translator_en, reviewer_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    jobs.return_for_changes(en_job, reviewer_en, "Sửa lại tiêu đề")
    stored = Notification.objects.filter(recipient=translator_en).order_by("created_at")
    assert [n.message[:8] for n in stored] == ["Bạn được", "Bản dịch"]

    _speaks(translator_en, "en")
    client.force_login(translator_en)
    shown = _desk_notices(client)
    assert len(shown) == 2
    assert "was returned for changes: Sửa lại tiêu đề" in shown[0]  # the comment as written
    assert "You were assigned the translation of" in shown[1]
    assert not any("Bạn" in notice for notice in shown)


def test_the_desk_home_reads_its_notifications_in_one_query_however_many(
    client, en_job, translator_en, reviewer_en
):
    Notification.objects.filter(recipient=translator_en).delete()
    jobs.assign(en_job, translator_en, reviewer_en)
    client.force_login(translator_en)
    client.get(reverse("desk:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("desk:index"))
    Notification.objects.bulk_create(
        Notification(recipient=translator_en, job=en_job, kind=notifications.OVERDUE, message="")
        for _ in range(10)
    )
    with CaptureQueriesContext(connection) as many:
        assert len(_desk_notices(client)) == 11
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_deadline_is_written_in_hanoi_time(send, translator_en, deadline):
    _speaks(translator_en, "en")
    send(["en"])
    (queued,) = Notification.objects.filter(recipient=translator_en, kind=notifications.QUEUED)
    hanoi = timezone.localtime(deadline)
    assert hanoi.utcoffset() == datetime.timedelta(hours=7)
    with translation.override("en"):
        shown = formats.date_format(hanoi, "SHORT_DATETIME_FORMAT")
        utc = formats.date_format(deadline.astimezone(datetime.UTC), "SHORT_DATETIME_FORMAT")
    assert shown in queued.message and utc not in queued.message
