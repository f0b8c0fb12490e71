"""Articles offered for foreign information appear on the foreign-affairs site's "From the
districts" page, its feeds and its article view with a canonical link to the original; each is
translated once (its own translation is shown) and never copied, so search finds it once."""

from __future__ import annotations

import re

import feedparser
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.news.models import ArticlePage
from tests.cms.helpers import article
from tests.cms.syndication.conftest import DISTRICT_HOST, FOREIGN_HOST, offer

pytestmark = pytest.mark.django_db


def get(client, path: str, host: str = FOREIGN_HOST):
    return client.get(path, HTTP_HOST=host)


def test_listing_shows_offered_articles_in_the_editions_language(client, listing, offered):
    vietnamese = get(client, "/vi/tu-cac-quan-huyen/").content.decode()
    assert "Ba Đình đón đoàn đại sứ" in vietnamese
    assert "Phố đi bộ Trịnh Công Sơn" in vietnamese
    assert "Tin nội bộ phường" not in vietnamese

    english = get(client, "/en/tu-cac-quan-huyen/").content.decode()
    assert "Ba Đình đón đoàn đại sứ [en]" in english
    # The untranslated one is shown once, as the Vietnamese original, marked with its language.
    assert english.count("Phố đi bộ Trịnh Công Sơn") == 1
    assert re.search(r'<article class="card" lang="vi">', english)
    assert english.count('class="card__title"') == 2


def test_listing_is_in_the_sites_menu(client, listing, offered):
    html = get(client, "/en/").content.decode()
    assert 'href="/en/tu-cac-quan-huyen/"' in html


def test_article_on_the_foreign_affairs_site_has_a_canonical_link_to_the_original(
    client, listing, offered
):
    translated = offered["translated"]
    english = ArticlePage.objects.get(
        translation_key=translated.translation_key, locale__language_code="en"
    )
    response = get(client, f"/en/tu-cac-quan-huyen/{translated.translation_key}/")
    assert response.status_code == 200
    html = response.content.decode()
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert canonical == [english.full_url]
    assert "Ba Đình đón đoàn đại sứ [en]" in html
    assert '<html lang="en"' in html

    original = get(client, f"/en/tu-cac-quan-huyen/{offered['untranslated'].translation_key}/")
    assert re.findall(r'<link rel="canonical" href="([^"]+)">', original.content.decode()) == [
        offered["untranslated"].full_url
    ]


def test_an_article_not_offered_is_not_shown(client, listing, district_section):
    other = article(district_section, title="Chưa chọn", slug="chua-chon")
    assert get(client, f"/vi/tu-cac-quan-huyen/{other.translation_key}/").status_code == 404


def test_feeds_link_to_the_originals(client, listing, offered):
    feed = feedparser.parse(get(client, "/en/tu-cac-quan-huyen/feed/rss/").content)
    links = sorted(entry.link for entry in feed.entries)
    english = ArticlePage.objects.get(
        translation_key=offered["translated"].translation_key, locale__language_code="en"
    )
    assert links == sorted(
        [
            english.full_url,
            offered["untranslated"].full_url,
        ]
    )
    atom = feedparser.parse(get(client, "/vi/tu-cac-quan-huyen/feed/atom/").content)
    assert len(atom.entries) == 2


def test_offering_copies_nothing_and_starts_no_translation(client, listing, district_section):
    page = article(district_section, title="Lễ hội hoa", slug="le-hoi-hoa", translated_to=["en"])
    pages, sources = Page.objects.count(), TranslationSource.objects.count()
    offer(page)
    assert get(client, "/en/tu-cac-quan-huyen/").status_code == 200
    assert (Page.objects.count(), TranslationSource.objects.count()) == (pages, sources)
    assert ArticlePage.objects.filter(translation_key=page.translation_key).count() == 2


def test_search_finds_each_offered_article_once(client, search_engine, listing, offered):
    call_command("search_index", "rebuild", verbosity=0)
    response = client.get(
        "/api/search/",
        {"lang": "vi", "q": "đón đoàn đại sứ", "scope": "all"},
        HTTP_HOST=FOREIGN_HOST,
    )
    urls = [hit["url"] for hit in response.json()["results"]]
    assert urls == [offered["translated"].full_url]


def site_search(client, language: str, text: str, host: str = FOREIGN_HOST) -> list[str]:
    """Titles the site's own search (scope "site") finds for ``text``."""
    response = client.get(
        "/api/search/", {"lang": language, "q": text, "scope": "site"}, HTTP_HOST=host
    )
    assert response.json()["scope"] == "site"
    return [hit["title"] for hit in response.json()["results"]]


def test_the_foreign_affairs_sites_own_search_finds_what_it_shows(
    client, search_engine, listing, offered
):
    call_command("search_index", "rebuild", verbosity=0)
    assert site_search(client, "vi", "Ba Đình đón đoàn đại sứ") == ["Ba Đình đón đoàn đại sứ"]
    assert site_search(client, "vi", "phố đi bộ") == ["Phố đi bộ Trịnh Công Sơn"]
    assert site_search(client, "vi", "tin nội bộ phường") == []  # not offered: not shown there
    english = site_search(client, "en", "Ba Đình đón đoàn đại sứ")
    assert len(english) == 1 and english[0] != "Ba Đình đón đoàn đại sứ"  # the translation
    # The district's own search finds its articles as before; either names the district.
    assert site_search(client, "vi", "tin nội bộ phường", DISTRICT_HOST) == ["Tin nội bộ phường"]
    sites = {
        host: client.get(
            "/api/search/", {"lang": "vi", "q": "phố đi bộ", "scope": "site"}, HTTP_HOST=host
        ).json()["results"][0]["channel"]
        for host in (FOREIGN_HOST, DISTRICT_HOST)
    }
    assert sites[FOREIGN_HOST] == sites[DISTRICT_HOST] == "badinh"


def test_offering_and_withdrawing_reach_the_sites_search_without_a_rebuild(
    client, search_engine, listing, district_section, django_capture_on_commit_callbacks
):
    def committed(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    page = committed(lambda: article(district_section, title="Lễ hội hoa Nhật Tân"))
    assert site_search(client, "vi", "lễ hội hoa", DISTRICT_HOST) == ["Lễ hội hoa Nhật Tân"]
    assert site_search(client, "vi", "lễ hội hoa") == []
    mark = committed(lambda: offer(page))
    assert site_search(client, "vi", "lễ hội hoa") == ["Lễ hội hoa Nhật Tân"]
    committed(mark.delete)
    assert site_search(client, "vi", "lễ hội hoa") == []
    committed(lambda: offer(page))
    assert site_search(client, "vi", "lễ hội hoa") == ["Lễ hội hoa Nhật Tân"]
    for edition in listing.get_translations(inclusive=True):  # no longer shown on that site
        committed(edition.unpublish)
    assert site_search(client, "vi", "lễ hội hoa") == []


def test_listing_renders_in_a_fixed_number_of_queries(client, listing, district_section):
    def count() -> int:
        get(client, "/en/tu-cac-quan-huyen/")
        with CaptureQueriesContext(connection) as captured:
            assert get(client, "/en/tu-cac-quan-huyen/").status_code == 200
        return len(captured)

    for n in range(2):
        offer(article(district_section, title=f"Tin {n}", slug=f"tin-{n}", translated_to=["en"]))
    few = count()
    for n in range(2, 9):
        offer(article(district_section, title=f"Tin {n}", slug=f"tin-{n}"))
    assert count() == few
