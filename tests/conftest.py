"""Shared fixtures: a provisioned subset of the real catalogue (once per session), users per
role, and helpers to build articles."""

from __future__ import annotations

import copy
import os

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from locales.catalogues import compile_all
from sites import catalogue as catalogue_module
from sites import roles
from tests.migrated import migrated_database
from tests.module_data import search_index, search_url

TEST_SITES = ("portal", "hanoimoi", "songoaivu", "badinh")


def pytest_configure(config) -> None:
    compile_all()


def pytest_collection_modifyitems(config, items) -> None:
    """Under CI=true nothing may be skipped: turn skip markers into failures."""
    if os.environ.get("CI") == "true":
        for item in items:
            for marker in item.iter_markers("skip"):
                item.add_marker(
                    pytest.mark.xfail(reason=f"skipped under CI: {marker}", strict=True)
                )


def raw_catalogue(slugs=TEST_SITES) -> dict:
    """The real catalogue file, limited to ``slugs`` (a deep copy, safe to modify)."""
    raw = yaml.safe_load(catalogue_module.DEFAULT_PATH.read_text("utf-8"))
    raw = copy.deepcopy(raw)
    raw["sites"] = [site for site in raw["sites"] if site["slug"] in slugs]
    return raw


def _on_sqlite() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file that starts as a copy of the migrated template
    (``tests/migrated.py``): the session's ``migrate`` then has nothing to apply."""
    from django.conf import settings

    if _on_sqlite():
        path = tmp_path_factory.mktemp("database") / "test.sqlite3"
        migrated_database(path)
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="session")
def django_db_keepdb(request) -> bool:
    """The SQLite test database copied from the template is kept, not created again."""
    return _on_sqlite() or bool(request.config.getvalue("reuse_db"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Provision the test sites once for the whole session."""
    from sites.provisioning import provision

    with django_db_blocker.unblock():
        provision(catalogue_module.parse(raw_catalogue()))


@pytest.fixture(autouse=True)
def source_language():
    """Each test starts in the source language: requests through the test client leave their
    language active in the thread, which must not leak into the next test."""
    from django.utils import translation

    with translation.override(settings_language_code()):
        yield


def settings_language_code() -> str:
    from django.conf import settings

    return settings.LANGUAGE_CODE


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: the default one (cached sitemaps, site root paths,
    site frames) and the application's page cache (pages stored by ``cms.wsgi``)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def django_handler(db):
    """Django's WSGI handler, without the page cache, new for the test. Like Django's test
    client, it keeps the test's database connection open across requests: the test's
    transaction holds the data, and closing the connection at the end of a request would lose
    it (on PostgreSQL; SQLite's in-memory test database ignores the close)."""
    from django.core import signals
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def wsgi_application(django_handler):
    """The WSGI application as ``cms/wsgi.py`` builds it: Django inside the page cache."""
    from cms.core.page_cache import PageCache

    return PageCache(django_handler)


@pytest.fixture
def channel(db):
    from sites.models import Channel

    return Channel.objects.get(slug="hanoimoi")


@pytest.fixture
def other_channel(db):
    from sites.models import Channel

    return Channel.objects.get(slug="songoaivu")


@pytest.fixture
def section(db):
    from tests.cms.helpers import sections_of

    return sections_of("hanoimoi").get(slug="tin-tuc")


@pytest.fixture
def make_user(db):
    def make(username: str, *groups: str, superuser: bool = False):
        user = get_user_model().objects.create_user(
            username=username, password="pw", is_superuser=superuser, is_staff=superuser
        )
        user.groups.add(*Group.objects.filter(name__in=groups))
        assert user.groups.count() == len(groups), f"missing group among {groups}"
        return user

    return make


@pytest.fixture
def editor(make_user):
    return make_user("editor", "hanoimoi: editors")


@pytest.fixture
def approver(make_user):
    return make_user("approver", "hanoimoi: approvers")


@pytest.fixture
def lao_translator(make_user):
    return make_user("translator-lo", roles.translators_group("lo"))


@pytest.fixture
def oversight_user(make_user):
    return make_user("oversight", roles.OVERSIGHT_GROUP)


HOST = "hanoimoi.localhost:8000"


@pytest.fixture
def search_engine(tmp_path):
    """The site's configured engine, embedded in a temporary file, empty (the search index
    tests and every test that checks what readers can find)."""
    with search_index(search_url(tmp_path / "search.sqlite3"), reset=True) as engine:
        yield engine
