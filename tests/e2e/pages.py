"""The reader page types the browser checks visit, in one edition language."""

from __future__ import annotations

from tests.e2e.server import LiveServer

SITE = "hanoimoi"


def reader_pages(server: LiveServer, page, code: str) -> list[tuple[str, str]]:
    """``(page type, url)`` for the city portal's directory, a channel's home, a section with
    articles, its newest article and the not-found page, in edition ``code``. ``page`` (a
    Playwright page) is used to find the section and article links on the home page."""
    home = server.url(SITE, f"/{code}/")
    page.goto(home)
    section = page.locator(".home-section:has(.card) h2 a").first.get_attribute("href")
    page.goto(server.url(SITE, section))
    article = page.locator(".card__title a").first.get_attribute("href")
    return [
        ("directory", server.url("portal", f"/{code}/")),
        ("home", home),
        ("section", server.url(SITE, section)),
        ("article", server.url(SITE, article)),
        ("not-found", server.url(SITE, f"/{code}/no-such-page/")),
    ]
