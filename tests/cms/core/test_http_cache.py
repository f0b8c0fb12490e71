"""Reader pages are shareable by caches and set no cookie; signed-in users get private answers;
the application's page cache answers readers without Django and forgets a page when it is
published, but never answers a signed-in editor. The tracking parameters of shared links
(``fbclid``, ``zarsrc``, ``utm_…``) are left out of what the page cache and the proxy key on."""

import io
import re
import sys
from wsgiref.util import setup_testing_defaults

import pytest

from cms.core.page_cache import TRACKING_PARAMETERS, without_tracking
from tests.cms.helpers import article
from tests.serving import VCL

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"
READER_PATHS = ["/vi/", "/en/", "/vi/tin-tuc/", "/vi/tin-tuc/?page=2", "/lo/?from=untranslated"]


@pytest.mark.parametrize("path", READER_PATHS)
def test_reader_pages_are_shareable_and_set_no_cookie(client, section, path):
    article(section, slug="hop-tac")
    response = client.get(path, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert not response.cookies, response.cookies
    assert "Set-Cookie" not in response.headers
    cache_control = response["Cache-Control"]
    for directive in ("public", "s-maxage=600", "stale-while-revalidate", "stale-if-error"):
        assert directive in cache_control
    assert response["ETag"]
    assert "cookie" not in response.get("Vary", "").lower()


def test_an_article_is_shareable_and_revalidates_with_its_etag(client, section):
    page = article(section, slug="le-hoi")
    response = client.get(page.url, HTTP_HOST=HOST)
    assert "public" in response["Cache-Control"] and not response.cookies
    again = client.get(page.url, HTTP_HOST=HOST, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert "public" in again["Cache-Control"]


def test_signed_in_users_get_private_answers(client, section, editor):
    page = article(section, slug="thoi-tiet")
    client.force_login(editor)
    response = client.get(page.url, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("path", ["/vi/search/?q=ha", "/admin/login/", "/health/live"])
def test_search_admin_and_health_are_never_shareable(client, path):
    response = client.get(path, HTTP_HOST=HOST)
    assert "public" not in response.get("Cache-Control", "")


def call(application, url: str, cookie: str = "", host: str = HOST) -> tuple[str, dict, bytes]:
    """``url`` (a path or a full URL) through the WSGI ``application``."""
    path = url.split(HOST, 1)[-1]
    environ: dict = {"PATH_INFO": path.split("?")[0], "HTTP_HOST": host}
    if "?" in path:
        environ["QUERY_STRING"] = path.split("?", 1)[1]
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    environ["wsgi.input"] = io.BytesIO()
    environ["wsgi.errors"] = sys.stderr
    setup_testing_defaults(environ)
    environ["SERVER_PORT"] = "8000"
    seen: dict = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    result = application(environ, start_response)
    body = b"".join(result)
    getattr(result, "close", lambda: None)()
    return seen["status"], seen["headers"], body


def test_the_page_cache_answers_a_reader_the_second_time_without_django(
    wsgi_application, section, django_assert_num_queries
):
    page = article(section, slug="giao-thong")
    status, first_headers, first = call(wsgi_application, page.url)
    assert status.startswith("200") and first_headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        status, headers, second = call(wsgi_application, page.url)
    assert headers["X-Page-Cache"] == "hit"
    assert second == first
    assert headers["X-Request-ID"] != first_headers["X-Request-ID"]


def test_each_query_string_and_host_is_kept_apart(wsgi_application, section):
    for n in range(14):
        article(section, slug=f"bai-{n}")
    _, _, first = call(wsgi_application, "/vi/tin-tuc/")
    _, headers, second = call(wsgi_application, "/vi/tin-tuc/?page=2")
    assert headers["X-Page-Cache"] == "miss" and second != first


def test_publishing_purges_the_page_cache_for_the_next_reader(
    wsgi_application, section, django_capture_on_commit_callbacks
):
    page = article(section, slug="du-lich")
    call(wsgi_application, page.url)
    call(wsgi_application, "/vi/tin-tuc/?page=1")
    page.title = "Du lịch mùa thu Hà Nội"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    _, headers, body = call(wsgi_application, page.url)
    assert headers["X-Page-Cache"] == "miss"
    assert "Du lịch mùa thu Hà Nội" in body.decode()
    _, headers, _ = call(wsgi_application, "/vi/tin-tuc/?page=1")
    assert headers["X-Page-Cache"] == "miss"


def test_a_page_purged_while_it_renders_is_not_answered_from_that_render(section, django_handler):
    from cms.core.page_cache import PageCache, purge_url

    page = article(section, slug="le-hoi")
    django = django_handler

    def purged_meanwhile(environ, start_response):
        result = django(environ, start_response)
        purge_url(page.full_url)
        call(PageCache(django), page.url)  # another reader, served after the purge
        return result

    _, headers, _ = call(PageCache(purged_meanwhile), page.url)
    assert headers["X-Page-Cache"] == "miss"
    _, headers, _ = call(PageCache(django), page.url)
    assert headers["X-Page-Cache"] == "miss"  # the slower render was stored last
    _, headers, _ = call(PageCache(django), page.url)
    assert headers["X-Page-Cache"] == "hit"


def test_purging_a_whole_site_forgets_every_page_of_its_host(wsgi_application, section):
    from cms.core.page_cache import WHOLE_SITE, purge_url

    page = article(section, slug="am-thuc")
    for url in (page.url, "/vi/tin-tuc/?page=1"):
        call(wsgi_application, url)
    purge_url(f"http://{HOST}/{WHOLE_SITE}")
    for url in (page.url, "/vi/tin-tuc/?page=1"):
        _, headers, _ = call(wsgi_application, url)
        assert headers["X-Page-Cache"] == "miss"


def test_an_editor_with_a_session_always_reaches_django(wsgi_application, section, client, editor):
    page = article(section, slug="van-hoa")
    call(wsgi_application, page.url)
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    _, headers, _ = call(wsgi_application, page.url, cookie=cookie)
    assert "X-Page-Cache" not in headers
    assert headers["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("", ""),
        ("page=2", "page=2"),
        ("fbclid=IwAR0x-Y_z", ""),
        ("utm_source=zalo&utm_medium=social&zarsrc=30", ""),
        ("page=2&fbclid=abc", "page=2"),
        ("gclid=1&from=untranslated&_gl=1*ab", "from=untranslated"),
        ("utm_campaign", ""),
        ("q=utm_source&utm=1&fbclid2=3", "q=utm_source&utm=1&fbclid2=3"),
        ("a=1&&b=%C3%A0", "a=1&&b=%C3%A0"),
    ],
)
def test_tracking_parameters_are_left_out_of_a_query_string_and_the_rest_kept_as_written(
    query, kept
):
    assert without_tracking(query) == kept


def test_readers_arriving_from_shared_links_are_answered_from_one_entry(
    wsgi_application, section, django_assert_num_queries
):
    page = article(section, slug="ngoai-giao")
    _, _, first = call(wsgi_application, page.url)
    with django_assert_num_queries(0):
        for shared in ("?fbclid=IwAR1", "?utm_source=zalo&utm_medium=chat&zarsrc=31"):
            _, headers, body = call(wsgi_application, page.url + shared)
            assert headers["X-Page-Cache"] == "hit" and body == first
    _, headers, _ = call(wsgi_application, page.url + "?from=untranslated&fbclid=x")
    assert headers["X-Page-Cache"] == "miss"
    _, headers, _ = call(wsgi_application, page.url + "?from=untranslated")
    assert headers["X-Page-Cache"] == "hit"


def test_the_proxy_strips_the_same_tracking_parameters_as_the_page_cache():
    vcl = VCL.read_text()
    lists = re.findall(r"\(utm_\[\^=&\]\*\|([\w|]+)\)", vcl)
    assert len(lists) == 2, "the test and the substitution in vcl_recv"
    for names in lists:
        assert set(names.split("|")) == TRACKING_PARAMETERS
