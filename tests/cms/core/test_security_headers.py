"""Security headers: a Content-Security-Policy on reader pages (no inline script) and in the
admin (inline scripts its own widgets need), a Permissions-Policy everywhere; HSTS and secure
cookies under production settings."""

from __future__ import annotations

import json

import pytest

from tests.conftest import HOST
from tests.test_project import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


def test_reader_pages_allow_no_inline_script_and_no_framing_by_others(client, section):
    response = client.get("/vi/", HTTP_HOST=HOST)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_admin_allows_the_inline_scripts_of_its_widgets(client, make_user):
    client.force_login(make_user("quan-tri", superuser=True))
    policy = directives(client.get("/admin/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.own_database
def test_production_sends_hsts_and_secure_cookies(tmp_path):
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    # The production middleware chain around a bare view (no database needed).
    script = (
        "import json; from django.conf import settings; from django.http import HttpResponse; "
        "from django.test import RequestFactory; from django.utils.module_loading import "
        "import_string as load; chain = lambda r: HttpResponse('ok'); "
        "names = ['django.middleware.security.SecurityMiddleware', "
        "'cms.core.headers.SecurityHeadersMiddleware']; "
        "[chain := load(name)(chain) for name in reversed(names)]; "
        "r = chain(RequestFactory().get('/vi/', secure=True, HTTP_HOST='hanoimoi.vn')); "
        "print(json.dumps({'headers': dict(r.headers), "
        "'cookies': [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]}))"
    )
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    headers = answer["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in headers["Strict-Transport-Security"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "Permissions-Policy" in headers and "Referrer-Policy" in headers
    assert answer["cookies"] == [True, True]
