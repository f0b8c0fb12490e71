"""The permission matrix: every URL pattern of the project and its installed apps, with the
designed answer for every role, against objects of the roles' own site and language and of
another site and language (see docs/permissions.md).

The table is data, ``tests/permission_matrix.yaml``, keyed by the route as Django's resolver
spells it. A URL pattern missing from the table fails ``test_every_url_pattern_is_in_the_matrix``,
so no view goes live unreviewed. Each case requests the URL as one role (GET, or POST for views
that change something) and compares the normalised answer with the design:

- ``allow``: 2xx, or a redirect that is not a refusal;
- ``deny``: 401/403, a redirect to a login page, a redirect carrying an error message (Wagtail's
  "no permission" redirect to the dashboard, the desk's "nothing was saved" refusals), or the
  desk editor's 409 refusal;
- ``absent``: 404 (also the language redirect Django's LocaleMiddleware answers a 404 with);
- ``invalid``: 400 or 405, past the door but the (empty) request or its method was rejected;
- ``error``: the view raises (Wagtail's deliberate error page, a form posted without its data).

A refused POST must leave the watched rows (pages, revisions, jobs, translations, media, users,
groups, workflows, redirects, locales, logs) exactly as they were.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import yaml
from django.conf import settings
from django.contrib import messages
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.module_data import module_transaction
from tests.permission_world import HOST, ROLES, build, fingerprint

MATRIX_PATH = Path(__file__).with_name("permission_matrix.yaml")
MATRIX: dict[str, list[dict]] = yaml.safe_load(MATRIX_PATH.read_text("utf-8"))
# Known holes, by the short name an entry's ``xfail`` gives them: none open today. A case
# marked with one of these must fail (strict), so the mark goes the day the hole is closed.
REASONS: dict[str, str] = {}
ANSWERS = {"allow", "deny", "absent", "invalid", "error"}
METHODS = ("GET", "POST", "PUT")

pytestmark = pytest.mark.django_db


def _join(prefix: str, route: str) -> str:
    """As Django's resolver joins routes (a nested regex loses its leading ``^``)."""
    return prefix + route.removeprefix("^") if prefix else route


def url_routes(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    """Every route the project answers, walking the resolver."""
    routes = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        route = _join(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            routes |= url_routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            routes.add(route)
    return routes


def _answers(entry: dict, method: str, role: str) -> tuple[str, str]:
    table = entry[method]
    answer = table.get(role, table.get("default"))
    own, other = answer if isinstance(answer, list) else (answer, answer)
    return own, other


def _other_site_tells_more(entry: dict, role: str, own: str, other: str) -> bool:
    """Whether to request the path with another site's and language's objects too: when it
    names an object, for a role bound to a site or language, and the answer may differ from the
    own site's (a role refused its own site's object is refused another's the same way)."""
    if "{" not in entry["path"] or role in ("superuser", "anonymous"):
        return False
    return own == "allow" or own != other


def cases():
    for route, entries in MATRIX.items():
        for index, entry in enumerate(entries):
            known = entry.get("xfail", {})
            for method in METHODS:
                if method not in entry:
                    continue
                for role in ROLES:
                    own, other = _answers(entry, method, role)
                    variants = [("own", own)]
                    if _other_site_tells_more(entry, role, own, other):
                        variants.append(("other", other))
                    for variant, answer in variants:
                        reason = known.get(f"{method} {role} {variant}") or known.get(
                            f"{method} {role}"
                        )
                        marks = (
                            [pytest.mark.xfail(strict=True, reason=REASONS.get(reason, reason))]
                            if reason
                            else []
                        )
                        yield pytest.param(
                            route,
                            index,
                            method,
                            role,
                            variant,
                            answer,
                            id=f"{method} {entry['path']} {role} {variant}",
                            marks=marks,
                        )


CASES = list(cases())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The people and objects, built once for the module (``tests.module_data``)."""
    with module_transaction(django_db_blocker):
        yield build()


@pytest.fixture(scope="module")
def sessions(world, django_db_blocker) -> dict[str, str]:
    """Each role's session key, logged in once (each case's changes are rolled back, the
    session row included, so the key stays valid whatever a case did, logging out too)."""
    keys = {}
    with django_db_blocker.unblock():
        for role, user in world.users.items():
            if user is not None:
                client = Client()
                client.force_login(user)
                keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return keys


def _client(sessions: dict[str, str], role: str) -> Client:
    """A client with only the role's session cookie: no messages or cookies of earlier cases."""
    client = Client(HTTP_HOST=HOST)
    if role in sessions:
        client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: sessions[role]})
    return client


def outcome(response) -> str:
    """The normalised answer: allow, deny or absent (else the status code)."""
    code = response.status_code
    if code == 404:
        return "absent"
    if code in (401, 403, 409):
        return "deny"
    if code in (400, 405):  # the request, not the person, is refused
        return "invalid"
    if code in (301, 302, 303):
        location = urlsplit(response["Location"]).path
        if location.endswith("/login/"):
            return "deny"
        if any(m.level >= messages.ERROR for m in get_messages(response.wsgi_request)):
            return "deny"
        if location.endswith(response.wsgi_request.path) and location != (
            response.wsgi_request.path
        ):
            return "absent"  # LocaleMiddleware retrying a 404 under the language prefix
        return "allow"
    if 200 <= code < 300:
        return "allow"
    return str(code)


def test_every_url_pattern_is_in_the_matrix():
    routes = url_routes()
    assert sorted(routes - MATRIX.keys()) == [], "URL patterns nobody has reviewed"
    assert sorted(MATRIX.keys() - routes) == [], "matrix entries for URLs that are gone"


def test_the_matrix_is_well_formed():
    for route, entries in MATRIX.items():
        assert entries, route
        for entry in entries:
            assert set(entry) <= {"path", "data", "xfail", "note", *METHODS}, route
            assert set(entry.get("xfail", {}).values()) <= REASONS.keys(), route
            assert any(method in entry for method in METHODS), route
            for method in METHODS:
                if method in entry:
                    for role in ROLES:
                        assert set(_answers(entry, method, role)) <= ANSWERS, (route, role)


@pytest.mark.parametrize(("route", "index", "method", "role", "variant", "answer"), CASES)
def test_designed_answer(world, sessions, route, index, method, role, variant, answer):
    entry = MATRIX[route][index]
    refs = world.refs(variant)
    url = entry["path"].format(**refs)
    assert resolve(urlsplit(url).path).route == route, "the path must reach its own pattern"
    client = _client(sessions, role)
    data = {name: str(value).format(**refs) for name, value in entry.get("data", {}).items()}
    before = fingerprint() if method != "GET" else None
    try:
        if method == "GET":
            response = client.get(url)
        elif method == "PUT":
            response = client.put(url, urlencode(data), "application/x-www-form-urlencoded")
        else:
            response = client.post(url, data)
    except Exception:  # the test client re-raises what the view raised
        got, detail = "error", "raised"
    else:
        got = outcome(response)
        detail = f"{response.status_code} {response.get('Location', '')}"
    assert got == answer, f"{method} {url} as {role} ({variant}): {got}, {detail}"
    if method != "GET" and got != "allow":
        assert fingerprint() == before, f"a refused POST {url} as {role} changed something"
