"""Readers' pages kept as files for nginx: written by the page cache for a site's own host name,
for addresses without a query string or with the listing page they show, byte for byte what
readers get; removed when their page is purged (a whole site at once), also when the purge lands
while the page is being rendered; written again when a cached page's file is gone; removed by
the sweep when older than the caches' lifetime. nginx's rules carry the readers' headers."""

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.cms.core.test_http_cache import HOST, call
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(settings, tmp_path) -> Path:
    """The page files of the test site's host (page files on, under ``tmp_path``)."""
    settings.CMS_PAGE_FILES_DIR = str(tmp_path)
    return tmp_path / "sites" / HOST.split(":")[0]


def kept(files: Path) -> set[str]:
    root = files.parent
    return (
        {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
        if root.exists()
        else set()
    )


@pytest.fixture
def listing(section):
    for n in range(14):  # two pages of twelve
        article(section, slug=f"bai-{n}")
    return section


@pytest.mark.parametrize(
    ("address", "file"),
    [
        ("/vi/", "vi/@/index.html"),
        ("/vi/tin-tuc/", "vi/tin-tuc/@/index.html"),
        ("/vi/tin-tuc/?page=2", "vi/tin-tuc/@/page-2.html"),
        ("/vi/tin-tuc/?page=2&utm_source=mail", "vi/tin-tuc/@/page-2.html"),
        ("/vi/tin-tuc/bai-3/", "vi/tin-tuc/bai-3/@/index.html"),
        ("/vi/tin-tuc/bai-3/?fbclid=IwAR3", "vi/tin-tuc/bai-3/@/index.html"),
        ("/en/", "en/@/index.html"),
    ],
)
def test_reader_pages_are_kept_as_files_byte_for_byte(
    wsgi_application, listing, files, address, file
):
    status, headers, body = call(wsgi_application, address)
    assert status.startswith("200") and headers["X-Page-Cache"] == "miss"
    assert (files / file).read_bytes() == body
    assert (files / file).stat().st_mode & 0o644 == 0o644  # nginx reads it as another user


@pytest.mark.parametrize(
    "address",
    [
        "/vi/tin-tuc/?page=999",  # shows the last page, 2
        "/vi/tin-tuc/?page=abc",
        "/vi/tin-tuc/?page=02",
        "/vi/tin-tuc/?page=2&sort=old",
        "/vi/tin-tuc/?from=untranslated",
        "/vi/feed/",
        "/sitemap.xml",
    ],
)
def test_other_addresses_are_not_kept_as_files(wsgi_application, listing, files, address):
    status, _, _ = call(wsgi_application, address)
    assert status.startswith(("200", "404")), status
    assert kept(files) == set()


def test_a_made_up_host_name_answered_by_the_default_site_is_not_kept(wsgi_application, files):
    status, _, _ = call(wsgi_application, "/vi/", host="made-up-12345.localhost:8000")
    assert status.startswith("200")
    assert kept(files) == set()


def test_signed_in_editors_pages_are_not_kept(wsgi_application, listing, files):
    call(wsgi_application, "/vi/", cookie="sessionid=not-a-real-session")
    assert kept(files) == set()


def test_publishing_removes_the_files_of_the_page_and_of_its_listings(
    wsgi_application, listing, files, django_capture_on_commit_callbacks
):
    page = listing.get_children().live().specific().first()
    for address in (page.url, "/vi/tin-tuc/", "/vi/tin-tuc/?page=2", "/vi/", "/en/"):
        call(wsgi_application, address)
    page.title = "Hồ Gươm mùa thu"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert kept(files) == {f"{files.name}/en/@/index.html"}  # the English edition lacks it
    call(wsgi_application, page.url)
    file = files / urlsplit(page.url).path.strip("/") / "@" / "index.html"
    assert "Hồ Gươm mùa thu" in file.read_text()


def test_purging_one_page_leaves_the_others(wsgi_application, listing, files):
    from cms.core.page_cache import purge_url

    call(wsgi_application, "/vi/tin-tuc/")
    call(wsgi_application, "/vi/tin-tuc/?page=2")
    call(wsgi_application, "/vi/tin-tuc/bai-1/")
    purge_url(f"http://{HOST}/vi/tin-tuc/")
    assert kept(files) == {f"{files.name}/vi/tin-tuc/bai-1/@/index.html"}


def test_purging_a_whole_site_removes_every_file_of_its_host(wsgi_application, listing, files):
    from cms.core.page_cache import WHOLE_SITE, purge_url

    call(wsgi_application, "/vi/")
    call(wsgi_application, "/vi/tin-tuc/bai-1/")
    purge_url(f"http://{HOST}/{WHOLE_SITE}")
    assert kept(files) == set()


def test_a_file_written_while_its_page_is_purged_is_removed(section, files, django_handler):
    from cms.core.page_cache import PageCache, purge_url

    page = article(section, slug="le-hoi")

    def purged_meanwhile(environ, start_response):
        result = django_handler(environ, start_response)
        purge_url(page.full_url)
        return result

    status, _, _ = call(PageCache(purged_meanwhile), page.url)
    assert status.startswith("200")
    assert kept(files) == set()


def test_a_cached_page_whose_file_is_gone_is_written_again(wsgi_application, listing, files):
    call(wsgi_application, "/vi/tin-tuc/")
    (files / "vi/tin-tuc/@/index.html").unlink()
    _, headers, body = call(wsgi_application, "/vi/tin-tuc/")
    assert headers["X-Page-Cache"] == "hit"
    assert (files / "vi/tin-tuc/@/index.html").read_bytes() == body


def test_a_page_cached_before_page_files_were_on_is_written_on_its_next_hit(
    wsgi_application, settings, listing, files
):
    folder = settings.CMS_PAGE_FILES_DIR
    settings.CMS_PAGE_FILES_DIR = ""
    call(wsgi_application, "/vi/tin-tuc/")
    settings.CMS_PAGE_FILES_DIR = folder
    _, headers, body = call(wsgi_application, "/vi/tin-tuc/")
    assert headers["X-Page-Cache"] == "hit"
    assert (files / "vi/tin-tuc/@/index.html").read_bytes() == body


def test_the_sweep_removes_files_older_than_the_caches_lifetime(settings, files):
    from cms.core import page_files

    old, fresh = files / "vi/tin-tuc/@/index.html", files / "vi/@/index.html"
    for file in (old, fresh):
        file.parent.mkdir(parents=True)
        file.write_text("<!doctype html>")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert page_files.sweep(settings.CMS_HTTP_CACHE_SECONDS) == 1
    assert kept(files) == {f"{files.name}/vi/@/index.html"}
    assert not (files / "vi/tin-tuc").exists()  # folders left empty go too


def test_nginx_rules_carry_the_headers_readers_get(client, files, tmp_path):
    call_command("page_files", "nginx", to=str(tmp_path / "nginx"))
    server = (tmp_path / "nginx" / "page-files-server.conf").read_text()
    http = (tmp_path / "nginx" / "page-files-http.conf").read_text()
    response = client.get("/en/", HTTP_HOST=HOST)
    for name in (
        "Content-Security-Policy",
        "Cache-Control",
        "Permissions-Policy",
        "X-Frame-Options",
    ):
        assert f'add_header {name} "{response[name]}";' in server
    assert "try_files $cms_page_file @cms;" in server
    for edition in ("vi", "en", "zh-hans", "lo", "km"):
        assert f'~^/{edition}/ "{edition}";' in http
    assert "$cookie_sessionid" in http


def test_without_a_folder_for_page_files_none_are_kept(
    wsgi_application, settings, listing, tmp_path, monkeypatch
):
    from django.core.management.base import CommandError

    monkeypatch.chdir(tmp_path)
    settings.CMS_PAGE_FILES_DIR = ""
    call(wsgi_application, "/vi/")
    _, headers, _ = call(wsgi_application, "/vi/")
    assert headers["X-Page-Cache"] == "hit"
    assert list(tmp_path.iterdir()) == []  # nothing under the working directory either
    with pytest.raises(CommandError, match="CMS_PAGE_FILES_DIR"):
        call_command("page_files", "sweep")
