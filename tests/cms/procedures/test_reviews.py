"""Review reminders and the overdue read-out: the owner is reminded once per threshold, in
their admin language, through the outbox to a real SMTP server on loopback; overdue records
show in the admin listing to the people who answer for them, and to the oversight dashboard
through ``cms.procedures.reviews.overdue()``."""

from __future__ import annotations

import datetime
import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import override_settings
from wagtail.users.models import UserProfile

from cms.outbox.models import OutgoingMail
from cms.procedures import reviews
from cms.procedures.models import ReviewReminder
from tests.cms.procedures.conftest import TEXTS, build_procedure

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def received(self) -> list[tuple[str, str, str]]:
        """(recipient, subject, body) of every message."""
        return [
            (
                m["To"],
                str(make_header(decode_header(m["Subject"]))),
                m.get_payload(decode=True).decode(),
            )
            for m in self.messages
        ]


@pytest.fixture
def smtp():
    """A real SMTP server on loopback, behind the outbox (Django's test set-up replaces
    EMAIL_BACKEND: put back here)."""
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="cms.outbox.backend.OutboxBackend",
            OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [
        (30, None),
        (15, None),
        (14, "before-14"),
        (1, "before-14"),
        (0, "due"),
        (-6, "due"),
        (-7, "overdue-1"),
        (-13, "overdue-1"),
        (-14, "overdue-2"),
        (-70, "overdue-10"),
    ],
)
def test_thresholds(days_left, expected):
    review_date = TODAY + datetime.timedelta(days=days_left)
    assert reviews.threshold(review_date, TODAY) == expected


def test_each_threshold_reminds_the_owner_once_through_the_outbox(smtp, directory, agency, owner):
    page = build_procedure(
        directory, agency, owner=owner, review_date=TODAY + datetime.timedelta(days=14)
    )
    days = [TODAY + datetime.timedelta(days=n) for n in range(0, 29)]
    sent = [reviews.send_reminders(today=day) for day in days]
    # Two weeks before, on the day, one and two weeks overdue: four reminders in 29 days of
    # runs (the scheduler runs far more often; a repeated day sends nothing).
    assert sum(sent) == 4
    assert [reviews.send_reminders(today=day) for day in days] == [0] * len(days)
    thresholds = sorted(ReviewReminder.objects.filter(procedure=page).values_list("threshold"))
    assert thresholds == [("before-14",), ("due",), ("overdue-1",), ("overdue-2",)]
    received = smtp.received()
    assert len(received) == 4 and {to for to, _s, _b in received} == {owner.email}
    subjects = [subject for _to, subject, _body in received]
    assert subjects[0].startswith("Còn 14 ngày đến hạn rà soát thủ tục")
    assert subjects[1].startswith("Đến hạn rà soát thủ tục hôm nay")
    assert subjects[3].startswith("Quá hạn rà soát thủ tục 14 ngày")
    assert all(TEXTS["vi"]["title"] in subject for subject in subjects)
    assert f"/admin/pages/{page.pk}/edit/" in received[0][2]
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == 4


def test_a_new_review_date_starts_the_thresholds_again(smtp, directory, agency, owner):
    page = build_procedure(directory, agency, owner=owner, review_date=TODAY)
    assert reviews.send_reminders(today=TODAY) == 1
    page.review_date = TODAY + datetime.timedelta(days=180)
    page.save_revision().publish()
    assert reviews.send_reminders(today=TODAY) == 0
    assert reviews.send_reminders(today=page.review_date) == 1
    assert len(smtp.received()) == 2


def test_reminder_is_in_the_owner_admin_language_with_the_title_of_that_edition(
    smtp, directory, agency, owner
):
    profile = UserProfile.get_for_user(owner)
    profile.preferred_language = "zh-hans"
    profile.save()
    build_procedure(directory, agency, owner=owner, review_date=TODAY - datetime.timedelta(days=7))
    assert reviews.send_reminders(today=TODAY) == 1
    ((_to, subject, body),) = smtp.received()
    assert subject == f"手续复核已逾期7天：{TEXTS['zh-hans']['title']}"
    assert "1.000105" in body and "请对照现行规定核查" in body


def test_no_owner_or_no_address_no_mail(smtp, directory, agency):
    silent = get_user_model().objects.create_user("no-address", password="pw")
    build_procedure(directory, agency, owner=silent, review_date=TODAY)
    build_procedure(directory, agency, slug="khong-chu", review_date=TODAY)
    assert reviews.send_reminders(today=TODAY) == 0
    assert smtp.received() == []


def test_overdue_is_the_public_read_out(directory, agency, owner):
    late = build_procedure(
        directory, agency, owner=owner, review_date=TODAY - datetime.timedelta(days=20)
    )
    later = build_procedure(
        directory,
        agency,
        slug="tre-hon",
        texts={"vi": TEXTS["vi"]},
        review_date=TODAY - datetime.timedelta(days=3),
    )
    build_procedure(directory, agency, slug="chua-den-han", texts={"vi": TEXTS["vi"]})
    found = reviews.overdue(today=TODAY)
    assert [r.page_id for r in found] == [late.pk, later.pk]
    first = found[0]
    assert first.days_overdue == 20 and first.channel == "portal"
    assert first.owner_username == owner.username and first.owner_email == owner.email
    assert first.code == "1.000105" and first.edit_path == f"/admin/pages/{late.pk}/edit/"
    assert reviews.overdue(today=TODAY, channel="hanoimoi") == []


def _listing(client, user):
    client.force_login(user)
    return client.get("/admin/procedures/reviews/")


def _member(name: str, group: str):
    user = get_user_model().objects.create_user(name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_listing_for_owner_and_the_portal_editors_and_approvers(client, directory, agency, owner):
    build_procedure(directory, agency, owner=owner, review_date=TODAY)
    owner.groups.add(Group.objects.get(name="portal: editors"))
    for user in (
        owner,
        _member("portal-approver", "portal: approvers"),
        _member("oversight-reader", "oversight"),
    ):
        response = _listing(client, user)
        assert response.status_code == 200, user
        assert TEXTS["vi"]["title"] in response.content.decode()
    other_site = _member("hanoimoi-editor", "hanoimoi: editors")
    refused = _listing(client, other_site)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert [m.level_tag for m in get_messages(refused.wsgi_request)] == ["error"]
