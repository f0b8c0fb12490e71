"""One language per screen, in a real browser: the Lao translator chooses Lao on their account
page, then reads the desk, the Lao queue, Wagtail's dashboard, a Lao page in wagtail-localize's
translation editor (a JavaScript app with its own catalogue) and the image chooser, and finds no
word in Latin letters on them but the names of things (page titles, the source text being
translated, people, sites) and the few names ``tests/locales/screens.py`` allows."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from playwright.sync_api import expect

from tests.locales.screens import foreign_words


def _names(server) -> set[str]:
    """Titles, source text, people and sites in the server's database: content, not interface."""
    queries = (
        "SELECT title FROM wagtailcore_page",
        "SELECT data FROM wagtail_localize_string",
        "SELECT username FROM auth_user",
        "SELECT name FROM wagtailcore_collection",
        "SELECT name FROM wagtailcore_workflow",
        "SELECT name FROM wagtailcore_task",
        "SELECT title FROM wagtailimages_image",
        "SELECT site_name FROM wagtailcore_site",
        "SELECT name_vi FROM channels_channel",
        "SELECT name_en FROM channels_channel",
        "SELECT name_lo FROM channels_channel",
    )
    names: set[str] = {"Hanoi foreign-information CMS", "Tiếng Việt", "English"}
    with closing(sqlite3.connect(server.folder / "db.sqlite3")) as db:
        for query in queries:
            names.update(value for (value,) in db.execute(query) if value)
    return names


def _lao_article(server) -> int:
    """A Lao article of Hà Nội Mới: a wagtail-localize translation, opened in its editor."""
    with closing(sqlite3.connect(server.folder / "db.sqlite3")) as db:
        (found,) = db.execute(
            "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id"
            " WHERE l.language_code = 'lo' AND p.url_path LIKE '/hanoimoi-lo/%' AND p.depth = 4"
            " ORDER BY p.id LIMIT 1"
        ).fetchone()
    return found


def _visible_foreign_words(page, names: set[str]) -> list[str]:
    """Latin-letter words in what the browser shows (and reads out) on ``page``."""
    texts = page.locator("body").inner_text().splitlines()
    texts += page.evaluate(
        """() => [...document.querySelectorAll('[aria-label], [placeholder], [title]')]
            .filter((el) => el.offsetParent !== null)
            .flatMap((el) => ['aria-label', 'placeholder', 'title']
                .map((name) => el.getAttribute(name)).filter(Boolean))"""
    )
    return foreign_words([t for t in texts if t.strip()], "lo", names)


def test_a_lao_translator_reads_the_desk_and_wagtails_editor_in_lao(journey, e2e_server):
    server = e2e_server
    page = journey.switch_to("translator.lo")
    page.goto(server.url("hanoimoi", "/admin/account/"))
    page.locator("select[name='locale-preferred_language']").select_option("lo")
    page.locator(
        "form:has(select[name='locale-preferred_language']) button[type=submit]"
    ).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    names = _names(server)
    lao_page = _lao_article(server)
    screens = {
        "dashboard": "/admin/",
        "desk": "/admin/desk/",
        "queue": "/admin/desk/queue/lo/",
        "translation editor": f"/admin/pages/{lao_page}/edit/",
    }
    found = {}
    for label, path in screens.items():
        page.goto(server.url("hanoimoi", path))
        page.wait_for_load_state("networkidle")
        journey.snap(f"Lao {label}")
        words = _visible_foreign_words(page, names)
        if words:
            found[label] = words
    assert found == {}
