"""The reader page types the browser checks visit, in one edition language."""

from __future__ import annotations

from urllib.parse import quote

from tests.e2e.server import STANDARD_SLUG, LiveServer

SITE = "hanoimoi"


def reader_pages(server: LiveServer, page, code: str) -> list[tuple[str, str]]:
    """``(page type, url)`` for the city portal's directory, a channel's home, a section with
    articles, its newest article and the not-found page, in edition ``code``. ``page`` (a
    Playwright page) is used to find the section and article links on the home page."""
    home = server.url(SITE, f"/{code}/")
    page.goto(home)
    section = page.locator(".sections a").first.get_attribute("href")
    page.goto(server.url(SITE, section))
    article = page.locator(".card__title a").first.get_attribute("href")
    return [
        ("directory", server.url("portal", f"/{code}/")),
        ("home", home),
        ("section", server.url(SITE, section)),
        ("article", server.url(SITE, article)),
        ("not-found", server.url(SITE, f"/{code}/no-such-page/")),
    ]


def every_page_type(server: LiveServer, page, code: str) -> list[tuple[str, str]]:
    """``reader_pages`` and the other two page types a reader meets: a standard page (about
    the site) and search results (for the section's name, so that there are results)."""
    pages = dict(reader_pages(server, page, code))
    query = page.locator("h1").first.inner_text()
    pages["standard"] = server.url(SITE, f"/{code}/{STANDARD_SLUG}/")
    pages["search"] = server.url(SITE, f"/{code}/search/?q={quote(query)}")
    order = ("directory", "home", "section", "article", "standard", "search", "not-found")
    return [(name, pages[name]) for name in order]


def open_menu(page) -> None:
    """On a phone, tap "Menu" to show the search, the languages and the sections (a wider
    screen shows them at once)."""
    toggle = page.locator(".menu-toggle summary")
    if toggle.is_visible() and page.locator(".menu-toggle[open]").count() == 0:
        toggle.click()
