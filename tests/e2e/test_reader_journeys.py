"""A reader in each edition language: home → section → article → another language → search."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from locales import registry
from tests.e2e.pages import open_menu

SITE = "hanoimoi"


def search_step(journey) -> None:
    """Search the site for the title of the article on screen, from the header's search box:
    the article is among the results, in the same language."""
    page = journey.page
    title = page.locator("h1").inner_text()
    path = urlsplit(page.url).path
    open_menu(page)
    form = page.locator("form[role=search]")
    form.locator("input[type=search]").fill(title)
    form.locator("input[type=search]").press("Enter")
    page.wait_for_load_state()
    journey.snap("search results")
    results = page.locator(".search-result__title a")
    expect(results.first).to_be_visible()
    hrefs = [
        urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")
    ]
    assert path in hrefs, f"{title!r} not found: {hrefs}"


@pytest.mark.parametrize("code", registry.CODES)
def test_reader_reads_an_article_and_switches_language(journey, e2e_server, code):
    page = journey.page
    page.goto(e2e_server.url(SITE, f"/{code}/"))
    assert page.locator("html").get_attribute("lang") == code
    journey.snap("home")

    open_menu(page)
    section_link = page.locator(".sections a").first
    section_title = section_link.inner_text()
    section_link.click()
    assert page.locator("h1").inner_text() == section_title
    assert page.locator(".sections a[aria-current=page]").inner_text() == section_title
    journey.snap("section")

    article_link = page.locator(".card__title a").first
    article_title = article_link.inner_text()
    article_link.click()
    assert page.locator("h1").inner_text() == article_title
    assert page.locator("body").get_attribute("class") == "page-article"
    journey.snap("article")

    other = "en" if code == registry.SOURCE_LANGUAGE else registry.SOURCE_LANGUAGE
    open_menu(page)
    page.locator(f".languages a[hreflang={other}]").click()
    assert page.locator("html").get_attribute("lang") == other
    assert page.url.startswith(e2e_server.url(SITE, f"/{other}/"))
    assert page.locator("body").get_attribute("class") == "page-article", "not the same article"
    assert page.locator(f"link[rel=alternate][hreflang={code}]").count() == 1
    journey.snap(f"article in {other}")

    search_step(journey)
    assert journey.failed_requests == []
