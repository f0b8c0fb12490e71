"""The shipped proxy configuration (``deploy/varnish/cms.vcl``) with the real Varnish on loopback
in front of the application server (``deploy/app-server.sh``), and the real nginx in front of
both as the edge, sending readers' page files (``cms.core.page_files``) with the rules
``manage.py page_files nginx`` writes: readers' pages are cached and answered by the proxy and
by nginx from files, with the headers the application gives them; a publication made in another
process is visible at once (purged through Wagtail's frontend cache), readers arriving from
shared links (tracking parameters) get the cached copy, signed-in editors pass through, and
readers keep getting pages while the application is down. The application server's access log
is JSON lines with the request id. Without Varnish or nginx the test skips with the reason,
except under CI."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import serving

pytestmark = [
    pytest.mark.skipif(
        not Path(serving.VARNISHD).exists() and os.environ.get("CI") != "true",
        reason="varnishd is not installed (Debian package varnish)",
    ),
    pytest.mark.skipif(
        not Path(serving.NGINX).exists() and os.environ.get("CI") != "true",
        reason="nginx is not installed (Debian package nginx)",
    ),
    pytest.mark.own_database,
]
ARTICLE = "/vi/tin-tuc/cau-long-bien/"
PUBLISH = """
from cms.news.models import ArticlePage
page = ArticlePage.objects.get(slug="cau-long-bien", locale__language_code="vi")
page.title = {title!r}
page.save_revision().publish()
"""
CREATE = """
from cms.news.models import SectionPage
from cms.demo.factories import ArticlePageFactory
section = SectionPage.objects.get(slug="tin-tuc", locale__language_code="vi",
                                  url_path__startswith="/hanoimoi")
ArticlePageFactory(parent=section, slug="cau-long-bien", title="Cầu Long Biên")
"""


# Headers that belong to one answer, or that each server writes in its own way.
OWN_HEADERS = {"date", "etag", "last-modified", "server", "x-request-id", "x-cache", "connection"}
OWN_HEADERS |= {"accept-ranges", "x-page-cache", "content-length"}
Stack = tuple[serving.Instance, serving.Process, serving.Process, serving.Process]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    """An instance with one article, prepared once; each stack runs on a copy of it."""
    folder = tmp_path_factory.mktemp("proxy-instance")
    instance = serving.Instance(folder)
    instance.prepare()
    instance.manage("shell", "-c", CREATE)
    return folder


@contextmanager
def running_stack(prepared: Path, folder: Path) -> Iterator[Stack]:
    """A copy of the prepared instance, the application server serving it (with its page
    cache and page files, as in production), Varnish in front, and nginx in front of both."""
    shutil.copytree(prepared, folder, dirs_exist_ok=True)
    settings = {
        "CMS_HTTP_CACHE_SECONDS": "2",
        "CMS_PAGE_CACHE_SECONDS": "2",
        "CMS_PAGE_FILES_DIR": str(folder / "page-files"),
    }
    instance = serving.Instance(folder, extra_env=settings)
    started: list[serving.Process] = []
    try:
        started.append(serving.start_app_server(instance.env, folder / "app-server.log", 1))
        started.append(serving.start_varnish(started[0].port))
        started.append(serving.start_nginx_edge(instance, started[1].port))
        instance.extra_env["CMS_PROXY_PURGE_URL"] = f"http://127.0.0.1:{started[1].port}"
        yield instance, started[0], started[1], started[2]
    finally:
        for process in reversed(started):
            process.stop()


@pytest.fixture(scope="module")
def stack(prepared, tmp_path_factory):
    with running_stack(prepared, tmp_path_factory.mktemp("proxy")) as parts:
        yield parts


@pytest.fixture
def stack_to_stop(prepared, tmp_path_factory):
    """A stack of its own for the test that stops the application: the others share one, in
    whatever order they run."""
    with running_stack(prepared, tmp_path_factory.mktemp("proxy-down")) as parts:
        yield parts


def get(proxy, path=ARTICLE, **headers):
    return serving.fetch(proxy.port, "hanoimoi", path, **headers)


def test_the_proxy_answers_readers_from_its_cache(stack):
    _, _, proxy, _ = stack
    status, headers, first = get(proxy, "/vi/tin-tuc/")
    assert status == 200
    status, headers, again = get(proxy, "/vi/tin-tuc/")
    assert headers["X-Cache"] == "HIT" and again == first
    assert "Set-Cookie" not in headers


def test_a_publication_is_visible_through_the_proxy_at_once(stack):
    instance, _, proxy, _ = stack
    get(proxy)
    assert get(proxy)[1]["X-Cache"] == "HIT"
    get(proxy, "/vi/tin-tuc/?page=2")
    instance.manage("shell", "-c", PUBLISH.format(title="Cầu Long Biên sau khi tu sửa"))
    _status, headers, body = get(proxy)
    assert "Cầu Long Biên sau khi tu sửa" in body.decode()
    assert headers["X-Cache"] == "MISS"
    assert get(proxy, "/vi/tin-tuc/?page=2")[1]["X-Cache"] == "MISS"


def test_readers_arriving_from_shared_links_get_the_proxys_copy(stack):
    _, _, proxy, _ = stack
    status, _, first = get(proxy, "/vi/tin-tuc/?page=1")
    assert status == 200
    for shared in ("fbclid=IwAR2&page=1", "page=1&utm_source=zalo&utm_medium=chat&zarsrc=31"):
        _status, headers, body = get(proxy, f"/vi/tin-tuc/?{shared}")
        assert headers["X-Cache"] == "HIT" and body == first, shared


def test_signed_in_editors_pass_through_the_proxy(stack):
    _, _, proxy, _ = stack
    get(proxy)
    _status, headers, _ = get(proxy, Cookie="sessionid=not-a-real-session")
    assert headers["X-Cache"] == "MISS"


def logged(instance: serving.Instance, request_id: str) -> dict:
    """The application server's access log entry for ``request_id`` (waiting for it)."""
    log = instance.folder / "app-server.log"
    deadline = time.monotonic() + 10
    while request_id not in log.read_text("utf-8") and time.monotonic() < deadline:
        time.sleep(0.1)
    line = next(line for line in log.read_text("utf-8").splitlines() if request_id in line)
    return json.loads(line)


def test_the_application_server_logs_each_request_as_a_json_line_with_its_request_id(stack):
    instance, app, _, _ = stack
    assert serving.fetch(app.port, "hanoimoi", ARTICLE, **{"X-Request-ID": "trace-0123456789"})[0]
    entry = logged(instance, "trace-0123456789")
    assert entry["logger"] == "access" and entry["path"] == ARTICLE
    assert entry["status"] == 200 and entry["host"] == serving.host("hanoimoi")


def test_the_proxy_gives_each_request_an_id_that_reaches_the_application_log(stack):
    instance, _, proxy, _ = stack
    ids = set()
    for query in ("a", "b"):  # misses, so that the application answers
        _status, headers, _ = get(proxy, f"{ARTICLE}?v={query}")
        assert headers["X-Cache"] == "MISS"
        ids.add(headers["X-Request-ID"])
    assert len(ids) == 2
    for request_id in ids:
        assert re.fullmatch(r"[A-Za-z0-9._:-]{8,128}", request_id), request_id
        assert logged(instance, request_id)["path"].startswith(ARTICLE)


def test_readers_keep_getting_pages_while_the_application_is_down(stack_to_stop):
    _instance, app, proxy, edge = stack_to_stop
    assert get(proxy)[0] == 200
    assert get(edge, "/vi/")[0] == 200
    app.stop()
    time.sleep(3)  # past the pages' freshness (CMS_HTTP_CACHE_SECONDS=2): only grace is left
    status, headers, body = get(proxy)
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert "Cầu Long Biên" in body.decode()
    status, headers, body = get(edge, "/vi/")
    assert status == 200 and headers["X-Cache"] == FROM_FILE


def after_loading(prepared, code: str) -> str:
    """The last line ``code`` prints in a new process that has loaded the application as a
    worker does (``import cms.wsgi``) on the prepared instance."""
    result = subprocess.run(
        [sys.executable, "-c", f"import cms.wsgi; {code}"],
        cwd=serving.ROOT,
        env=serving.Instance(prepared).env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_loaded_application_holds_no_database_connection(prepared):
    """The connection the start-up checks opened is closed: requests run in other threads, so
    it would stay open, unused, for the worker's whole life (and be shared by any process
    forked after loading)."""
    open_connections = after_loading(
        prepared,
        "from django.db import connections; "
        "print([c.alias for c in connections.all() if c.connection is not None])",
    )
    assert open_connections == "[]"


def test_what_loading_made_is_kept_out_of_the_garbage_collectors_way(prepared):
    """A worker's modules, models and URLs are frozen once loaded (``gc.freeze``): a full
    collection then walks only what requests made."""
    counts = after_loading(
        prepared, "import gc; print(gc.get_freeze_count(), len(gc.get_objects()))"
    )
    frozen, tracked = (int(count) for count in counts.split())
    assert frozen > 100_000 and tracked < frozen / 100


FROM_FILE = "HIT (file)"


def comparable(headers: dict) -> dict:
    """The headers every server gives a page alike (the policy's directives in any order)."""
    shared = {k.lower(): v for k, v in headers.items() if k.lower() not in OWN_HEADERS}
    policy = shared.pop("content-security-policy", "")
    return {**shared, "content-security-policy": sorted(policy.split("; "))}


def forget_in_proxy(proxy: serving.Process, path: str) -> None:
    """Purge ``path`` from Varnish (other tests may have had it cached there, where nginx
    would find it without the application writing its file)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{proxy.port}{path}",
        method="PURGE",
        headers={"Host": serving.host("hanoimoi")},
    )
    urllib.request.urlopen(request, timeout=10).close()


def test_nginx_sends_readers_pages_from_their_files_with_the_applications_headers(stack):
    _, app, proxy, edge = stack
    for path in ("/vi/tin-tuc/", "/vi/", "/en/", ARTICLE):
        forget_in_proxy(proxy, path)
        status, _, first = get(edge, path)  # written now, if another test has not already
        assert status == 200
        status, headers, again = get(edge, path)
        assert status == 200 and headers["X-Cache"] == FROM_FILE, path
        assert again == first
        _, by_application, _ = get(app, path)
        assert comparable(headers) == comparable(by_application), path
        assert headers["X-Request-ID"]


def test_nginx_passes_on_what_it_has_no_file_for(stack):
    _, _, _, edge = stack
    for path in ("/vi/tin-tuc/?page=999", "/vi/tin-tuc/?page=2&utm_source=x", "/vi/search/?q=a"):
        get(edge, path)
        assert get(edge, path)[1].get("X-Cache") != FROM_FILE, path
    get(edge, "/vi/")
    _status, headers, _ = get(edge, "/vi/", Cookie="sessionid=not-a-real-session")
    assert headers.get("X-Cache") != FROM_FILE
    for _ in range(2):
        _status, headers, _ = get(edge, "/vi/", **{"Host": "made-up.localhost:8000"})
    assert headers.get("X-Cache") != FROM_FILE


def test_a_publication_removes_the_page_files_nginx_sends(stack):
    instance, _, proxy, edge = stack
    for path in (ARTICLE, "/vi/tin-tuc/"):
        forget_in_proxy(proxy, path)
        get(edge, path)
        assert get(edge, path)[1]["X-Cache"] == FROM_FILE
    instance.manage("shell", "-c", PUBLISH.format(title="Cầu Long Biên mùa lũ"))
    published = time.monotonic()
    time.sleep(1.1)  # nginx keeps open files for a second
    _status, headers, body = get(edge)
    assert headers["X-Cache"] != FROM_FILE
    assert "Cầu Long Biên mùa lũ" in body.decode()
    assert get(edge, "/vi/tin-tuc/")[1]["X-Cache"] != FROM_FILE
    assert time.monotonic() - published < 2
