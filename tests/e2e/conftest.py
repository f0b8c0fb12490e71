"""Browser tests: Playwright (Python) driving Debian's Chromium against a live server on loopback.

Fixtures:
- ``e2e_server`` (session): ``tests.e2e.server.LiveServer`` with its own database and demo content.
- ``browser`` (module): Chromium, launched once per test module (Playwright's sync API keeps an
  event loop in this thread while it runs, so it is closed before other modules' tests run).
- ``journey`` (function): a fresh browser context and page on a phone-sized screen; its
  ``snap("label")`` saves a numbered screenshot under ``tests/artifacts/e2e/<test>/`` and
  ``switch_to(username)`` continues as another (demo) user logged in to the admin. Any
  Content-Security-Policy violation the browser reports fails the journey.
- ``node_tool`` / ``java``: paths of the npm-installed tools (``make e2e-tools``) and Java.

Adding a journey: write ``test_<who>_<does_what>(journey, e2e_server)``, go from page to page
with ``journey.page``, call ``journey.snap()`` after each step and ``journey.switch_to()`` when
someone else takes over.

Without Chromium, the npm tools or Java these tests skip with the reason; under ``CI=true``
they fail instead, because CI must run them.
"""

from __future__ import annotations

import base64
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.server import ROOT, LiveServer
from tests.e2e.tools import CHROMIUM, CHROMIUM_ARGS, NODE_MODULES, PHONE, need, need_chromium

DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = ROOT / "tests" / "artifacts" / "e2e"


def artefact_dir(request: pytest.FixtureRequest) -> Path:
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    folder = ARTIFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def e2e_server() -> Iterator[LiveServer]:
    need_chromium()
    server = LiveServer.start(ARTIFACTS / "server")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Journey:
    """A way through the site, step by step, with a screenshot of each step. It starts as a
    reader on a phone (``page``); ``switch_to(username)`` continues as someone else, logged in
    to the admin in a desktop-sized browser context of their own."""

    browser: object
    server: LiveServer
    folder: Path
    page: object = None
    steps: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    contexts: list = field(default_factory=list)

    def open(self, **options) -> object:
        """A new browser context (a separate person) and its page, which becomes current."""
        context = self.browser.new_context(device_scale_factor=1, **options)
        self.contexts.append(context)
        self.page = context.new_page()
        self.page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.failed_requests.append(f"{response.status} {response.url}")
            ),
        )
        self.page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and self.csp_violations.append(f"{self.page.url}: {message.text}")
            ),
        )
        return self.page

    def switch_to(self, username: str, site: str = "hanoimoi") -> object:
        """Continue as ``username`` (demo password), logged in to the admin on ``site``;
        administrators and approvers give their second factor (enrolling the first time)."""
        from cms.demo.loader import DEMO_PASSWORD

        page = self.open(viewport=DESKTOP)
        page.goto(self.server.url(site, "/admin/login/"))
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/admin/login/" not in url)
        if "/admin/mfa/setup/" in page.url:
            self.enrol(username)
        elif "/admin/mfa/verify/" in page.url:
            page.fill("input[name=code]", self.server.recovery_codes[username].pop())
            page.click("main button[type=submit]")
        try:
            page.wait_for_url(self.server.url(site, "/admin/"))
        except PlaywrightTimeoutError:
            said = page.locator(".error-message, .messages, .help-critical").all_inner_texts()
            self.snap(f"{username} did not reach the admin")
            raise AssertionError(f"{username} stayed on {page.url}, which says {said}") from None
        self.snap(f"{username} logged in")
        return page

    def enrol(self, username: str) -> None:
        """On the second-factor set-up page: type the key into "the app" (a TOTP computed
        here), confirm, keep the recovery codes for later sign-ins, continue."""
        key = self.page.locator("[data-mfa-key]").first.inner_text()
        self.snap(f"{username} sets up two-step verification")
        self.page.fill("input[name=code]", totp(key))
        self.page.click("main button[type=submit]")
        shown = self.page.locator("[data-recovery-codes]").first
        shown.wait_for()
        codes = shown.locator("code").all_inner_texts()
        self.server.recovery_codes[username] = codes
        self.server.totp_keys[username] = key
        self.snap(f"{username} receives recovery codes")
        self.page.get_by_role("link", name=re.compile("Continue|Tiếp tục")).click()

    def snap(self, label: str) -> Path:
        """Save a full-page screenshot of this step: ``NN-label.png``."""
        self.steps.append(label)
        slug = re.sub(r"[^\w-]+", "-", label)
        path = self.folder / f"{len(self.steps):02d}-{slug}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def totp(key: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for the base32 ``key`` (RFC 6238, 30 s, 6 digits)."""
    from django_otp.oath import totp as rfc6238

    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    return f"{rfc6238(secret, t0=-steps_ahead * 30):06d}"


@pytest.fixture
def journey(browser, e2e_server, request) -> Iterator[Journey]:
    trip = Journey(browser=browser, server=e2e_server, folder=artefact_dir(request))
    trip.open(viewport=PHONE, is_mobile=True)
    yield trip
    trip.close()
    assert trip.csp_violations == [], "the Content-Security-Policy blocked part of a page"


@pytest.fixture(scope="session")
def node_tool():
    """``node_tool("lighthouse")``: the path of an npm-installed file under node_modules."""
    need(
        NODE_MODULES.is_dir(),
        "the npm tools for browser tests are not installed (make e2e-tools)",
    )

    def path(relative: str) -> Path:
        found = NODE_MODULES / relative
        need(found.exists(), f"{found} is missing (make e2e-tools)")
        return found

    return path


@pytest.fixture(scope="session")
def java() -> str:
    found = shutil.which("java")
    need(found is not None, "no Java runtime (apt-get install default-jre-headless)")
    return found
