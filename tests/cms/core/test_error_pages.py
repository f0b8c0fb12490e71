"""The reader's 404 and 500 pages: in the site's chrome and the reader's language, also with
DEBUG on (as under ``make run``); ``CMS_DEBUG_ERROR_PAGES`` brings Django's debug pages back."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.utils import translation

from cms.core.errors import ErrorPagesMiddleware, server_error

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


@pytest.mark.parametrize("debug", [False, True])
def test_a_missing_page_is_the_sites_own_404_in_the_readers_language(client, debug):
    with override_settings(DEBUG=debug):
        response = client.get("/lo/no-such-page/", HTTP_HOST=HOST)
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="lo"' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert 'class="page-not-found"' in html
    assert "Page not found" not in html and "DEBUG = True" not in html


def test_developers_can_ask_for_djangos_debug_404(client):
    with override_settings(DEBUG=True, CMS_DEBUG_ERROR_PAGES=True):
        response = client.get("/lo/no-such-page/", HTTP_HOST=HOST)
    assert response.status_code == 404
    assert "DEBUG = True" in response.content.decode()


def error_request(code: str):
    request = RequestFactory().get(f"/{code}/tin-tuc/", HTTP_HOST=HOST)
    request.LANGUAGE_CODE = code
    return request


def test_a_server_error_is_the_sites_own_500_in_the_readers_language():
    with translation.override("zh-hans"):
        response = server_error(error_request("zh-hans"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="zh-hans"' in html
    assert 'class="site-header"' in html and 'class="page-error"' in html
    assert "Server error" not in html
    assert 'href="/zh-hans/"' in html


def test_with_debug_on_a_failing_reader_page_answers_with_the_500_page():
    middleware = ErrorPagesMiddleware(lambda request: None)
    with override_settings(DEBUG=True), translation.override("km"):
        response = middleware.process_exception(error_request("km"), RuntimeError("broken"))
    assert response is not None and response.status_code == 500
    assert '<html lang="km"' in response.content.decode()
    with override_settings(DEBUG=True, CMS_DEBUG_ERROR_PAGES=True):
        assert middleware.process_exception(error_request("km"), RuntimeError("x")) is None
    with override_settings(DEBUG=False):
        assert middleware.process_exception(error_request("km"), RuntimeError("x")) is None


def test_the_500_page_without_the_database_is_translated_too():
    with translation.override("lo"):
        html = render_to_string("500_minimal.html")
    assert '<html lang="lo"' in html
    assert "Server error" not in html


@pytest.mark.parametrize(
    ("code", "font"),
    [("zh-hans", "locales/css/fonts-zh-hans"), ("km", "noto-sans-khmer-khmer-400-normal")],
)
def test_the_500_page_without_its_chrome_brings_the_fonts_of_the_readers_script(
    monkeypatch, code, font
):
    def chrome_fails(name, *args, **kwargs):
        if name == "500.html":
            raise RuntimeError("the database is down")
        return render_to_string(name, *args, **kwargs)

    monkeypatch.setattr("cms.core.errors.render_to_string", chrome_fails)
    with translation.override(code):
        html = server_error(error_request(code)).content.decode()
    assert f'<html lang="{code}"' in html and 'class="site-header"' not in html
    assert font in html
