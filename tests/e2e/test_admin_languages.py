"""One language per screen, in a real browser: the Lao translator, with Lao as their admin
language, reads the desk, the Lao queue, Wagtail's dashboard and a Lao page in wagtail-localize's
translation editor (a JavaScript app with its own catalogue), and finds no word in Latin letters
on them but the names of things (page titles, the source text being translated, people, sites)
and the few names ``tests/locales/screens.py`` allows. Screenshots of each screen are kept."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pytest
from playwright.sync_api import expect

from cms.demo.loader import DEMO_PASSWORD
from tests.e2e.conftest import DESKTOP
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
        "SELECT source_term FROM desk_glossaryterm",
        "SELECT name_vi FROM channels_channel",
        "SELECT name_en FROM channels_channel",
        "SELECT name_lo FROM channels_channel",
    )
    names: set[str] = {"Hanoi foreign-information CMS", "Tiếng Việt", "English"}
    with closing(sqlite3.connect(server.folder / "db.sqlite3")) as db:
        for query in queries:
            names.update(value for (value,) in db.execute(query) if value)
    return names


@pytest.fixture
def lao_translator(e2e_server):
    """``translator.lo`` with Lao as their admin language, stored as Account → Preferred
    language stores it (a profile row with Wagtail's defaults); the server is shared by the
    other journeys, so the user goes back to having no preference afterwards."""
    database = e2e_server.folder / "db.sqlite3"
    with closing(sqlite3.connect(database)) as db, db:
        (user_id,) = db.execute(
            "SELECT id FROM auth_user WHERE username = 'translator.lo'"
        ).fetchone()
        db.execute("DELETE FROM wagtailusers_userprofile WHERE user_id = ?", (user_id,))
        # a notification keeps the language it was written in: those written while the user
        # had no preference (in the default language, Vietnamese) are marked read first
        db.execute(
            "UPDATE desk_notification SET read_at = created_at WHERE recipient_id = ?", (user_id,)
        )
        db.execute(
            "INSERT INTO wagtailusers_userprofile (user_id, preferred_language,"
            " submitted_notifications, approved_notifications, rejected_notifications,"
            " updated_comments_notifications, current_time_zone, avatar, dismissibles, theme,"
            " density, contrast, keyboard_shortcuts)"
            " VALUES (?, 'lo', 1, 1, 1, 1, '', '', '{}', 'system', 'default', 'system', 1)",
            (user_id,),
        )
    yield "translator.lo"
    with closing(sqlite3.connect(database)) as db, db:
        db.execute("DELETE FROM wagtailusers_userprofile WHERE user_id = ?", (user_id,))


def _lao_article(server) -> int:
    """A Lao article of Hà Nội Mới: a wagtail-localize translation, opened in its editor."""
    with closing(sqlite3.connect(server.folder / "db.sqlite3")) as db:
        (found,) = db.execute(
            "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id"
            " WHERE l.language_code = 'lo' AND p.url_path LIKE '/hanoimoi-lo/%' AND p.depth = 4"
            " ORDER BY p.id LIMIT 1"
        ).fetchone()
    return found


# wagtail-localize's editor writes these in English in its script, out of any catalogue (upstream
# defects): the heading "<source language> to <target language> translation", the screen-reader
# label "More actions" of its segment menus, and the date in "translated manually on <date>",
# formatted with English month names whatever the language.
UPSTREAM_ENGLISH = re.compile(r"^(\S.* to \S.* translation|More actions)$")
UPSTREAM_DATE = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}"
)


def _visible_foreign_words(page, names: set[str]) -> list[str]:
    """Latin-letter words in what the browser shows (and reads out) on ``page``."""
    texts = [
        UPSTREAM_DATE.sub(" ", line)
        for line in page.locator("body").inner_text().splitlines()
        if not UPSTREAM_ENGLISH.match(line.strip())
    ]
    texts += page.evaluate(
        """() => [...document.querySelectorAll('[aria-label], [placeholder], [title]')]
            .filter((el) => el.offsetParent !== null)
            .flatMap((el) => ['aria-label', 'placeholder', 'title']
                .map((name) => el.getAttribute(name)).filter(Boolean))"""
    )
    return foreign_words([t for t in texts if t.strip()], "lo", names)


def test_a_lao_translator_reads_the_desk_and_wagtails_editor_in_lao(
    journey, e2e_server, lao_translator
):
    server = e2e_server
    # a Lao translator's browser: Lao dates and numbers in the editor's script too
    page = journey.open(viewport=DESKTOP, locale="lo-LA")
    page.goto(server.url("hanoimoi", "/admin/login/"))
    page.fill("input[name=username]", lao_translator)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server.url("hanoimoi", "/admin/"))
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
    assert not found, "\n".join(f"{label}: {words}" for label, words in found.items())
