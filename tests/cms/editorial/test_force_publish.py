"""An approver may publish without the workflow's approval only with a meaningful reason (a
category from the list and a real sentence), never over another user's lock; the reason is
stored and logged, and oversight staff are told through the outbox and in the admin."""

import unicodedata

import pytest
from django.test import override_settings
from wagtail.models import PageLogEntry

from cms.editorial.models import ForcePublication, OversightNotice
from cms.editorial.reasons import Category
from cms.outbox.models import OutgoingMail
from tests.cms.helpers import article
from tests.sites.test_permissions import assert_refused

pytestmark = pytest.mark.django_db

REASON = "Thông báo khẩn về thời tiết, lãnh đạo đã đồng ý qua điện thoại."


def url(page) -> str:
    return f"/admin/force-publish/{page.pk}/"


def post(client, page, reason=REASON, category=Category.URGENT_CORRECTION.value):
    return client.post(url(page), {"category": category, "reason": reason})


@pytest.fixture
def outbox():
    """Django's test set-up replaces EMAIL_BACKEND: put the outbox back."""
    with override_settings(EMAIL_BACKEND="cms.outbox.backend.OutboxBackend"):
        yield


def test_force_publish_needs_a_reason(client, approver, section):
    page = article(section, slug="khan-cap", published=False)
    client.force_login(approver)
    response = post(client, page, reason="")
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    page.refresh_from_db()
    assert not page.live
    assert not ForcePublication.objects.exists()


@pytest.mark.parametrize(
    "reason",
    [
        "xxxxxxxxxxxxxxx",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "asdf asdf asdf asdf asdf asdf asdf",
        "ab ba ab ba ab ba ab ba ab ba ab",
        "khẩn cấp",
        "Cần đăng ngay vì aaaaaaa quá gấp rồi",
    ],
)
def test_keystrokes_and_short_phrases_are_not_a_reason(client, approver, section, reason):
    page = article(section, slug="ly-do", published=False)
    client.force_login(approver)
    response = post(client, page, reason=reason)
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    page.refresh_from_db()
    assert not page.live


def test_a_category_from_the_list_is_required(client, approver, section):
    page = article(section, slug="loai-ly-do", published=False)
    client.force_login(approver)
    for category in ("", "because"):
        response = post(client, page, category=category)
        assert "category" in response.context["form"].errors
    page.refresh_from_db()
    assert not page.live


def test_the_refusal_is_in_the_users_language(client, approver, section):
    page = article(section, slug="ngon-ngu", published=False)
    client.force_login(approver)
    response = post(client, page, reason="xxxxxxxxxxxxxxxxxxxxxxxxxx", category="")
    html = response.content.decode()
    assert "Hãy chọn loại lý do." in html
    assert "Hãy viết lý do bằng lời" in html


def test_force_publish_with_a_reason_publishes_and_logs_it(client, approver, editor, section):
    page = article(section, slug="thong-bao-khan", published=False)
    page.get_workflow().start(page, editor)
    client.force_login(approver)
    decomposed = unicodedata.normalize("NFD", REASON)
    response = post(client, page, reason="  " + decomposed + "\n", category="breaking_news")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    record = ForcePublication.objects.get(page=page)
    assert (record.user, record.category, record.reason) == (approver, "breaking_news", REASON)
    entry = PageLogEntry.objects.get(page=page, action="editorial.force_publish")
    assert entry.data == {"category": "breaking_news", "reason": REASON}
    assert entry.user == approver
    assert REASON in entry.message


def test_another_users_lock_refuses_force_publish_naming_the_holder(
    client, approver, make_user, section
):
    page = article(section, slug="dang-khoa", published=False)
    holder = make_user("reviewer-hanoimoi", "hanoimoi: approvers")
    holder.first_name, holder.last_name = "Lan", "Nguyễn"
    holder.save()
    page.locked, page.locked_by = True, holder
    page.save()
    client.force_login(approver)
    assert "Lan Nguyễn" in client.get(url(page)).content.decode()
    response = post(client, page)
    assert response.status_code == 409
    assert "Lan Nguyễn" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert not ForcePublication.objects.exists()


def test_a_lock_held_by_the_approver_themself_does_not_stop_them(client, approver, section):
    page = article(section, slug="tu-khoa", published=False)
    page.locked, page.locked_by = True, approver
    page.save()
    client.force_login(approver)
    assert post(client, page).status_code == 302
    page.refresh_from_db()
    assert page.live


def test_oversight_is_notified_in_the_admin_and_by_mail_through_the_outbox(
    client, approver, oversight_user, make_user, section, outbox
):
    oversight_user.email = "giamsat@example.org"
    oversight_user.save()
    silent = make_user("oversight-2", "oversight")
    page = article(section, slug="giam-sat", published=False)
    client.force_login(approver)
    assert post(client, page, category="legal_requirement").status_code == 302
    record = ForcePublication.objects.get(page=page)
    notices = OversightNotice.objects.filter(force_publication=record)
    assert {n.recipient for n in notices} == {oversight_user, silent}
    mail = OutgoingMail.objects.get()
    assert mail.to == ["giamsat@example.org"]
    assert page.title in mail.subject
    assert REASON in mail.body and "Yêu cầu pháp lý" in mail.body

    client.force_login(oversight_user)
    home = client.get("/admin/").content.decode()
    assert REASON in home
    client.get("/admin/oversight/")
    assert not OversightNotice.objects.filter(recipient=oversight_user, read_at=None).exists()
    assert REASON not in client.get("/admin/").content.decode()


def test_a_refused_force_publication_notifies_nobody(
    client, approver, oversight_user, section, outbox
):
    page = article(section, slug="khong-bao", published=False)
    client.force_login(approver)
    post(client, page, reason="xxxxxxxxxxxxxxxxxxxxxxxxxx")
    assert not OversightNotice.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_editors_and_other_sites_approvers_cannot_force_publish(client, editor, make_user, section):
    page = article(section, slug="khong-quyen", published=False)
    other_approver = make_user("approver-dofa", "songoaivu: approvers")
    for user in (editor, other_approver):
        client.force_login(user)
        assert_refused(post(client, page))
    page.refresh_from_db()
    assert not page.live


def test_the_force_publish_action_is_offered_to_the_sites_approver(client, approver, section):
    page = article(section, slug="nut-bam", published=False)
    client.force_login(approver)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert url(page) in html
