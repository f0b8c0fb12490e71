"""Routing: each site on its own hostname, each edition under its language prefix."""

import pytest

from tests.cms.helpers import article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["vi", "en", "zh-hans", "lo", "km"])
def test_each_edition_of_a_site_answers_under_its_language_with_the_right_lang(
    client, section, code
):
    article(section, slug="moi-ngon-ngu", translated_to=["en", "zh-hans", "lo", "km"])
    response = client.get(f"/{code}/", HTTP_HOST="hanoimoi.localhost:8000")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    assert "tin-tuc" in html


def test_sites_are_told_apart_by_hostname(client):
    hanoimoi = client.get("/en/", HTTP_HOST="hanoimoi.localhost:8000").content.decode()
    dofa = client.get("/en/", HTTP_HOST="songoaivu.localhost:8000").content.decode()
    assert "HNM" in hanoimoi and "DOFA" not in hanoimoi
    assert "DOFA" in dofa


def test_the_bare_domain_lists_every_site(client):
    from sites.models import Channel

    html = client.get("/en/", HTTP_HOST="localhost:8000").content.decode()
    for channel in Channel.objects.active().exclude(kind="directory"):
        assert channel.name_en in html
        assert f"http://{channel.slug}.localhost:8000/en/" in html


def test_the_root_sends_a_browser_that_names_no_language_to_the_english_edition(client):
    response = client.get("/", HTTP_HOST="hanoimoi.localhost:8000")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("asked", ["fr-FR,fr;q=0.9", "ja", "ko-KR, ko;q=0.8", "de-CH, *;q=0.1"])
def test_the_root_sends_readers_of_languages_without_an_edition_to_english(client, asked):
    response = client.get("/", HTTP_HOST="hanoimoi.localhost:8000", HTTP_ACCEPT_LANGUAGE=asked)
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    ("asked", "edition"),
    [("vi-VN,vi;q=0.9", "vi"), ("fr, vi;q=0.5", "vi"), ("zh-CN", "zh-hans"), ("km-KH", "km")],
)
def test_the_root_finds_an_edition_further_down_the_readers_languages(client, asked, edition):
    response = client.get("/", HTTP_HOST="hanoimoi.localhost:8000", HTTP_ACCEPT_LANGUAGE=asked)
    assert response["Location"] == f"/{edition}/"


def test_an_unprefixed_address_follows_the_same_choice(client):
    host = "hanoimoi.localhost:8000"
    response = client.get("/tin-tuc/", HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="ja")
    assert response["Location"] == "/en/tin-tuc/"


def test_the_root_honours_the_readers_language(client):
    response = client.get("/", HTTP_HOST="hanoimoi.localhost:8000", HTTP_ACCEPT_LANGUAGE="lo")
    assert response["Location"] == "/lo/"


def test_an_unknown_page_is_a_translated_404(client):
    response = client.get("/km/no-such-page/", HTTP_HOST="hanoimoi.localhost:8000")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="km"' in html
    assert "Page not found" not in html
