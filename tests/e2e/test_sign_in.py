"""Signing in with two-step verification in the browser: the administrator enrols (key shown as
a QR code and as text, confirmed with a code, recovery codes given once), signs in again later
with a code from the app, and finds the outbox and the failed sign-ins under Settings."""

import re

from playwright.sync_api import expect

from cms.demo.loader import DEMO_PASSWORD
from tests.e2e.conftest import DESKTOP, totp


def test_administrator_enrols_then_signs_in_with_a_code(journey, e2e_server):
    admin = journey.switch_to("admin")  # first sign-in: enrolment (see Journey.enrol)
    assert len(e2e_server.recovery_codes["admin"]) == 10
    admin.goto(e2e_server.url("hanoimoi", "/admin/outbox/"))
    expect(admin.locator("h1")).to_contain_text(re.compile("Outgoing e-mails|thư gửi đi", re.I))
    admin.goto(e2e_server.url("hanoimoi", "/admin/lockouts/"))
    journey.snap("failed sign-ins")

    later = journey.open(viewport=DESKTOP)
    later.goto(e2e_server.url("hanoimoi", "/admin/login/"))
    later.fill("input[name=username]", "admin")
    later.fill("input[name=password]", DEMO_PASSWORD)
    later.click("button[type=submit]")
    later.wait_for_url(re.compile("/admin/mfa/verify/"))
    journey.snap("asked for a code")
    later.fill("input[name=code]", "000000")
    later.click("main button[type=submit]")
    refused = later.get_by_text(re.compile("This code is not valid|Mã này không hợp lệ"))
    expect(refused.first).to_be_visible()
    later.wait_for_timeout(1100)  # a wrong code makes the next try wait a second
    key = e2e_server.totp_keys["admin"]
    later.fill("input[name=code]", totp(key, steps_ahead=1))
    later.click("main button[type=submit]")
    later.wait_for_url(e2e_server.url("hanoimoi", "/admin/"))
    journey.snap("signed in with a code")
