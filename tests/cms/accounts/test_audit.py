"""The security events land in Wagtail's log against the user or group concerned: sign-ins and
failed sign-ins (with the address), lockouts, second factors added and removed, group
membership and permission changes (with the admin user who made them)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry

from cms.accounts import audit
from tests.cms.accounts.test_logins import PASSWORD, code, sign_in

pytestmark = pytest.mark.django_db
User = get_user_model()


def entries(action: str, subject=None):
    found = ModelLogEntry.objects.filter(action=action)
    if subject is not None:
        found = found.filter(
            content_type=ContentType.objects.get_for_model(type(subject)),
            object_id=str(subject.pk),
        )
    return list(found.order_by("timestamp"))


@pytest.fixture
def person(make_user):
    user = make_user("nguoi-dung", "hanoimoi: editors")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_sign_in_and_a_failed_one_are_logged_with_the_address(client, person):
    sign_in(client, person.username, "sai", address="10.1.1.1")
    sign_in(client, "khong-ai-ca", "sai", address="10.1.1.2")
    sign_in(client, person.username, PASSWORD, address="10.1.1.3")
    [failed] = entries(audit.LOGIN_FAILED, person)
    assert failed.data == {"username": person.username, "ip": "10.1.1.1"}
    assert failed.user is None
    unknown = ModelLogEntry.objects.get(action=audit.LOGIN_FAILED, label="khong-ai-ca")
    assert unknown.object_id == audit.NO_SUCH_USER and unknown.data["ip"] == "10.1.1.2"
    [signed_in] = entries(audit.LOGIN, person)
    assert signed_in.data["ip"] == "10.1.1.3" and signed_in.user == person
    assert "10.1.1.3" in signed_in.message


def test_a_lockout_is_logged(client, person):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.username, "sai", address="10.2.2.2")
    [lockout] = entries(audit.LOCKOUT, person)
    assert lockout.data == {"username": person.username, "ip": "10.2.2.2"}
    assert len(entries(audit.LOGIN_FAILED, person)) == settings.AXES_FAILURE_LIMIT


@override_settings(CMS_REQUIRE_MFA=True)
def test_enrolling_a_second_factor_and_enrolling_again_are_logged(make_user):
    approver = make_user("duyet-bai", "hanoimoi: approvers")
    approver.set_password(PASSWORD)
    approver.save()
    browser = Client()
    sign_in(browser, approver.username, PASSWORD)
    browser.get("/admin/mfa/setup/")
    assert entries(audit.MFA_ADDED, approver) == []  # not until the first code is given
    browser.post("/admin/mfa/setup/", {"code": code(TOTPDevice.objects.get(user=approver))})
    added = entries(audit.MFA_ADDED, approver)
    assert sorted(e.data["device"] for e in added) == ["authenticator", "recovery_codes"]
    assert all(e.user == approver for e in added)

    browser.get("/admin/mfa/setup/")
    new_device = TOTPDevice.objects.get(user=approver, confirmed=False)
    browser.post("/admin/mfa/setup/", {"code": code(new_device)})
    removed = entries(audit.MFA_REMOVED, approver)
    assert sorted(e.data["device"] for e in removed) == ["authenticator", "recovery_codes"]


def test_group_membership_changes_are_logged_with_who_made_them(person, make_user):
    admin = make_user("quan-tri", superuser=True)
    approvers = Group.objects.get(name="hanoimoi: approvers")
    with LogContext(user=admin):
        person.groups.add(approvers)
        approvers.user_set.remove(person)
    added, removed = [e for e in entries(audit.GROUPS_CHANGED, person) if e.user == admin]
    assert added.data == {"added": ["hanoimoi: approvers"]} and added.user == admin
    assert removed.data == {"removed": ["hanoimoi: approvers"]} and removed.user == admin


def test_a_users_groups_changed_in_the_admin_are_logged(person, make_user):
    admin = make_user("quan-tri", superuser=True)
    desk = Client()
    desk.force_login(admin)
    form = desk.get(f"/admin/users/edit/{person.pk}/").context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("groups", "user_permissions", "password")
    }
    approvers = Group.objects.get(name="hanoimoi: approvers")
    editors = Group.objects.get(name="hanoimoi: editors")
    data.update(
        {
            "groups": [approvers.pk],
            "is_active": "on",
            "first_name": "Người",
            "last_name": "Dùng",
            "email": "nguoi-dung@example.org",
        }
    )
    response = desk.post(f"/admin/users/edit/{person.pk}/", data)
    assert response.status_code == 302
    logged = [e.data for e in entries(audit.GROUPS_CHANGED, person) if e.user == admin]
    assert {"added": [approvers.name]} in logged
    assert {"removed": [editors.name]} in logged


def test_group_permission_changes_are_logged(make_user):
    admin = make_user("quan-tri", superuser=True)
    group = Group.objects.get(name="oversight")
    permission = Permission.objects.get(codename="force_publish")
    with LogContext(user=admin):
        group.permissions.add(permission)
    [entry] = [e for e in entries(audit.PERMISSIONS_CHANGED, group) if e.user == admin]
    assert entry.data == {"added": ["editorial.force_publish"]}
    assert entry.user == admin
    assert "editorial.force_publish" in entry.message
