"""Signing in: wrong passwords lock the account and, separately, the address (translated 429),
an administrator unlocks; password reset requests are throttled; a password change ends the
other sessions; administrators and approvers enrol in and give a second factor."""

from __future__ import annotations

import re
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.accounts import throttling

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Mat-khau-du-dai-2026"


@pytest.fixture
def person(make_user):
    user = make_user("nguoi-dung", "hanoimoi: editors")
    user.set_password(PASSWORD)
    user.email = "nguoi-dung@example.org"
    user.save()
    return user


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and "/login/" not in response["Location"]


def test_the_account_is_locked_after_the_limit_even_for_the_right_password(client, person):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, person.username, "sai").status_code == 200
    assert sign_in(client, person.username, "sai").status_code == 429
    locked = sign_in(client, person.username, PASSWORD, address="10.0.0.2")
    assert locked.status_code == 429
    assert "Đăng nhập bị khóa sau 5 lần sai" in locked.content.decode()
    english = client.post(
        "/admin/login/",
        {"username": person.username, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Try again in 30 minutes" in english.content.decode()


def test_the_address_is_locked_whatever_the_account(client, person, make_user):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"doan-ten-{n}", "sai", address="10.9.9.9")
    assert sign_in(client, person.username, PASSWORD, address="10.9.9.9").status_code == 429
    assert signed_in(sign_in(Client(), person.username, PASSWORD, address="10.0.0.7"))


def test_an_administrator_unlocks_an_account(client, person, make_user):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.username, "sai")
    admin = make_user("quan-tri", superuser=True)
    desk = Client()
    desk.force_login(admin)
    listing = desk.get("/admin/lockouts/").content.decode()
    assert person.username in listing
    attempt = AccessAttempt.objects.get(username=person.username)
    assert desk.post(f"/admin/lockouts/delete/{attempt.pk}/").status_code == 302
    assert signed_in(sign_in(Client(), person.username, PASSWORD))

    other = Client()
    other.force_login(make_user("bien-tap", "hanoimoi: editors"))
    assert other.get("/admin/lockouts/").status_code in (302, 403)


def test_the_client_address_behind_the_trusted_proxy():
    from django.test import RequestFactory

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    assert throttling.client_ip(request) == "10.1.1.1"
    with override_settings(CMS_PROXY_COUNT=1):
        assert throttling.client_ip(request) == "203.0.113.5", "the forged first entry is ignored"


def test_password_reset_requests_are_throttled(client, person, mailoutbox):
    for _n in range(throttling.RESET_LIMIT_PER_EMAIL + 1):
        response = client.post("/admin/password_reset/", {"email": person.email})
        assert response.status_code == 302
    assert len(mailoutbox) == throttling.RESET_LIMIT_PER_EMAIL
    for _n in range(throttling.RESET_LIMIT_PER_ADDRESS - throttling.RESET_LIMIT_PER_EMAIL - 1):
        client.post("/admin/password_reset/", {"email": "khac@example.org"})
    refused = client.post("/admin/password_reset/", {"email": "khac@example.org"})
    assert refused.status_code == 429


def test_a_password_change_ends_the_other_sessions(person):
    here, elsewhere = Client(), Client()
    assert signed_in(sign_in(here, person.username, PASSWORD))
    assert signed_in(sign_in(elsewhere, person.username, PASSWORD, address="10.0.0.3"))
    new = "Mot-mat-khau-moi-hoan-toan"
    account = here.get("/admin/account/")
    data = {}
    for panels in account.context["panels_by_tab"].values():
        for panel in panels:
            for field in panel.get_form():
                if getattr(field.field.widget, "input_type", "") == "file":
                    continue
                if field.value() is not None:
                    data[field.html_name] = field.value()
    data.update(
        {
            "name_email-first_name": "Lan",
            "name_email-last_name": "Nguyễn",
            "password-old_password": PASSWORD,
            "password-new_password1": new,
            "password-new_password2": new,
        }
    )
    assert here.post("/admin/account/", data).status_code == 302
    person.refresh_from_db()
    assert person.check_password(new)
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/")["Location"].startswith("/admin/login/")


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("hanoi2026", "12345678901234", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


@override_settings(CMS_REQUIRE_MFA=True)
def test_an_approver_enrols_then_gives_a_code_or_a_recovery_code(make_user):
    approver = make_user("duyet-bai", "hanoimoi: approvers")
    approver.set_password(PASSWORD)
    approver.save()
    browser = Client()
    sign_in(browser, approver.username, PASSWORD)
    assert browser.get("/admin/pages/")["Location"].startswith("/admin/mfa/setup/")
    setup = browser.get("/admin/mfa/setup/?next=/admin/pages/")
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=approver)
    codes = browser.post("/admin/mfa/setup/?next=/admin/pages/", {"code": code(device)})
    recovery = codes.context["codes"]
    assert len(recovery) == 10
    assert browser.get("/admin/pages/").status_code == 200

    later = Client()
    sign_in(later, approver.username, PASSWORD)
    assert later.get("/admin/")["Location"].startswith("/admin/mfa/verify/")
    assert later.post("/admin/mfa/verify/", {"code": "123456"}).status_code == 200
    time.sleep(1.1)  # django-otp makes the next try after a wrong code wait a second
    device.refresh_from_db()
    verified = later.post("/admin/mfa/verify/?next=/admin/pages/", {"code": code(device, 1)})
    assert verified["Location"] == "/admin/pages/"
    assert later.get("/admin/").status_code == 200

    without_the_phone = Client()
    sign_in(without_the_phone, approver.username, PASSWORD)
    assert without_the_phone.post("/admin/mfa/verify/", {"code": recovery[0]}).status_code == 302
    assert without_the_phone.get("/admin/").status_code == 200
    once_more = Client()
    sign_in(once_more, approver.username, PASSWORD)
    assert once_more.post("/admin/mfa/verify/", {"code": recovery[0]}).status_code == 200


@override_settings(CMS_REQUIRE_MFA=True)
def test_the_second_factor_pages_get_their_icons_not_another_copy_of_themselves(make_user):
    approver = make_user("duyet-bai", "hanoimoi: approvers")
    browser = Client()
    browser.force_login(approver)
    setup = browser.get("/admin/mfa/setup/?next=/admin/")
    sprite = re.search(r"(/admin/sprite/\?h=\w+)", setup.content.decode()).group(1)
    icons = browser.get(sprite)
    assert icons.status_code == 200
    assert icons["Content-Type"].startswith("image/svg+xml")
    assert browser.get("/admin/pages/")["Location"].startswith("/admin/mfa/setup/")


@override_settings(CMS_REQUIRE_MFA=True)
def test_editors_are_not_asked_for_a_second_factor(make_user):
    editor = make_user("bien-tap", "hanoimoi: editors")
    browser = Client()
    browser.force_login(editor)
    assert browser.get("/admin/").status_code == 200
