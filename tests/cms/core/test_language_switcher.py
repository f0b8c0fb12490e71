"""The language switcher and hreflang alternates point at the same page in other languages;
where an article is untranslated, at its address in that edition (a page saying it is not
available there), and for other pages at that edition's home with a translated note."""

import re

import pytest

from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def switcher_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)}


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))


def test_switcher_goes_to_the_translation_or_to_the_articles_address_in_that_edition(
    client, section
):
    page = article(section, slug="hop-tac", translated_to=["en"])
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    links = switcher_links(html)
    assert links["en"] == "/en/tin-tuc/hop-tac/"
    assert links["lo"] == "/lo/tin-tuc/hop-tac/"
    assert links["vi"] == "/vi/tin-tuc/hop-tac/"
    assert client.get(links["lo"], HTTP_HOST=HOST).status_code == 404


def test_the_untranslated_note_is_shown_in_the_target_language(client):
    html = client.get("/lo/?from=untranslated", HTTP_HOST=HOST).content.decode()
    assert 'class="notice"' in html
    assert "not yet available" not in html
    plain = client.get("/lo/", HTTP_HOST=HOST).content.decode()
    assert 'class="notice"' not in plain


def test_hreflang_lists_only_live_translations_and_a_default(client, section):
    page = article(section, slug="le-hoi", translated_to=["en", "km"])
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    alternates = hreflangs(html)
    assert alternates == {
        "vi": f"http://{HOST}/vi/tin-tuc/le-hoi/",
        "x-default": f"http://{HOST}/en/tin-tuc/le-hoi/",
        "en": f"http://{HOST}/en/tin-tuc/le-hoi/",
        "km": f"http://{HOST}/km/tin-tuc/le-hoi/",
    }


def test_an_unpublished_translation_is_not_offered(client, section):
    page = article(section, slug="du-lich-mua-thu", translated_to=["en"])
    page.get_translation(page.locale.__class__.objects.get(language_code="en")).unpublish()
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    assert "en" not in hreflangs(html)
    assert switcher_links(html)["en"] == "/en/tin-tuc/du-lich-mua-thu/"


def test_the_article_says_which_languages_it_exists_in(client, section):
    page = article(section, slug="hoi-nghi", translated_to=["en", "zh-hans"])
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    box = re.search(r'<div class="article__editions">.*?</div>', html, re.S).group(0)
    assert 'lang="en"' in box and 'lang="zh-hans"' in box
    assert 'lang="lo"' not in box


def test_a_translation_kept_outside_its_editions_home_is_offered_at_its_own_address(
    client, section, other_channel
):
    from cms.news.models import SectionPage

    page = article(section, slug="giao-luu", translated_to=["en"])
    english = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
    other_home = other_channel.home_page.get_translation(english.locale)
    english.move(SectionPage.objects.child_of(other_home).first(), pos="last-child")
    english.refresh_from_db()

    html = client.get(page.url, HTTP_HOST=HOST).content.decode()

    assert english.full_url.startswith("http://songoaivu.localhost")
    assert hreflangs(html)["en"] == english.full_url
    assert switcher_links(html)["en"] == english.full_url
