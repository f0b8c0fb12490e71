"""Oversight staff read the audit log, per site and read-only: publications and force
publications on the site's pages in every edition, and the sign-ins, lockouts, second factors
and group changes of the people holding a role on it; other roles cannot open it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.log_actions import LogContext

from tests.cms.accounts.test_logins import sign_in
from tests.cms.helpers import article
from tests.sites.test_permissions import assert_refused

pytestmark = pytest.mark.django_db
URL = "/admin/audit/"


def rows(client, **query) -> str:
    response = client.get(URL, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def events(approver, editor, make_user, section, other_channel):
    """What happened on Hà Nội Mới and on the Department of Foreign Affairs' site."""
    client = Client()
    client.force_login(approver)
    page = article(section, slug="kiem-toan", title="Bài kiểm toán", published=False)
    client.post(
        f"/admin/force-publish/{page.pk}/",
        {
            "category": "technical_fault",
            "reason": "Lỗi máy chủ làm mất bản đã duyệt, cần đăng lại ngay.",
        },
    )
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), editor.username, "sai", address="10.3.3.3")
    foreign_editor = make_user("bien-tap-dofa", "songoaivu: editors")
    admin = make_user("quan-tri", superuser=True)
    with LogContext(user=admin):
        foreign_editor.groups.add(Group.objects.get(name="songoaivu: approvers"))


def test_oversight_reads_every_sites_entries(client, oversight_user, events):
    client.force_login(oversight_user)
    html = rows(client)
    assert "Bài kiểm toán" in html
    assert "Lỗi máy chủ làm mất bản đã duyệt" in html  # the force publication's reason
    assert "Sự cố kỹ thuật" in html  # its category, translated
    assert "10.3.3.3" in html  # failed sign-ins and the lockout
    assert "songoaivu: approvers" in html


def test_one_sites_log_holds_its_pages_and_its_people_only(client, oversight_user, events):
    client.force_login(oversight_user)
    hanoimoi = rows(client, site="hanoimoi")
    assert "Bài kiểm toán" in hanoimoi and "10.3.3.3" in hanoimoi
    assert "songoaivu: approvers" not in hanoimoi
    songoaivu = rows(client, site="songoaivu")
    assert "songoaivu: approvers" in songoaivu
    assert "Bài kiểm toán" not in songoaivu and "10.3.3.3" not in songoaivu


def test_the_log_can_be_limited_to_accounts_or_pages(client, oversight_user, events):
    client.force_login(oversight_user)
    accounts = rows(client, site="hanoimoi", kind="accounts")
    assert "10.3.3.3" in accounts and "Bài kiểm toán" not in accounts
    pages = rows(client, site="hanoimoi", kind="pages")
    assert "Bài kiểm toán" in pages and "10.3.3.3" not in pages


def test_the_log_is_read_only_and_closed_to_other_roles(client, editor, approver, events):
    for user in (editor, approver):
        client.force_login(user)
        assert_refused(client.get(URL))
    client.force_login(editor)
    assert_refused(client.post(URL))
