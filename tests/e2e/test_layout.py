"""The reader pages look as designed, in every language at a phone's, a tablet's and a laptop's
width: every page type (portal directory, home, section, article, standard page, search
results, not found) × 5 languages × 390, 768 and 1366 px, each visited once
(``tests.e2e.screenshots.capture``), measured and photographed.

- the header and the footer span the viewport;
- the main column is the site's container: the full width up to 72rem (1152 px), centred;
- the brand and the section menu start where the content starts;
- nothing is wider than the viewport (no sideways scrolling);
- the page's headline (its first visible heading) is in the first screen, and on a phone in its
  upper half: the header must not push it down;
- every class on ``<body>`` is a page-type class (``page-…``), a name no component uses;
- an article prints without the menu, search, switcher and share links;
- the screenshots match the committed reference set (``make screenshots``; how to accept a
  change: docs/browser-tests.md).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.screenshots import CLOCK, VIEWPORTS, Shot, capture, compare
from tests.e2e.server import LiveServer

CONTAINER = 72 * 16  # .wrap's max-width, CSS pixels
PHONE_WIDTH = 390
TOLERANCE = 1.0  # CSS pixels of rounding


@pytest.fixture(scope="module")
def layout_server(browser, e2e_server) -> Iterator[LiveServer]:
    """A fresh server of its own, as ``make screenshots`` starts one: the other browser tests
    publish and translate articles on the shared server, which would change the pages compared
    with the reference set, depending on the order the tests run in. It starts from a copy of
    the shared server as it was once prepared, its content dated back from the reference set's
    ``CLOCK``."""
    server = LiveServer.start(ARTIFACTS / "layout-server", like=e2e_server, clock=CLOCK)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shots(browser, layout_server) -> list[Shot]:
    return capture(browser, layout_server, ARTIFACTS / "layout")


def problems(shot: Shot) -> list[str]:
    """What is wrong with the layout of one page at one width."""
    m = shot.metrics
    width = m["viewport"]
    found = []
    for part in ("header", "footer"):
        box = m[part]
        if box is None or abs(box["left"]) > TOLERANCE or abs(box["width"] - width) > TOLERANCE:
            found.append(f"{part} does not span the viewport: {box}")
    main = m["main"]
    intended = min(width, CONTAINER)
    if (
        abs(main["width"] - intended) > TOLERANCE
        or abs(main["left"] - (width - intended) / 2) > TOLERANCE
    ):
        found.append(f"main column {main['width']:.0f} px at {main['left']:.0f}, not {intended}")
    for part in ("brand", "sectionLink"):
        box = m[part]
        if box is not None and abs(box["left"] - m["contentLeft"]) > TOLERANCE:
            found.append(f"{part} starts at {box['left']:.0f}, content at {m['contentLeft']:.0f}")
    if m["scrollWidth"] > width:
        found.append(f"{m['scrollWidth']} px wide in a {width} px viewport")
    headline = m["headline"]
    screen = VIEWPORTS[shot.width]
    # on a phone the headline starts in the upper half, under at most the lead picture
    limit = screen / 2 if shot.width == PHONE_WIDTH else screen
    if headline is None or headline["top"] > limit or headline["bottom"] > screen:
        found.append(f"headline not in the first screen (top {headline and headline['top']:.0f})")
    other = [name for name in m["bodyClasses"] if not name.startswith("page-")]
    if other or not m["bodyClasses"]:
        found.append(f"body classes {m['bodyClasses']}: page types are page-…")
    return found


def test_every_page_type_is_laid_out_as_designed_at_every_width(shots):
    found = {f"{shot.name} {shot.url}": problems(shot) for shot in shots}
    found = {page: wrong for page, wrong in found.items() if wrong}
    assert len(shots) == 7 * 5 * len(VIEWPORTS)
    assert found == {}, "\n".join(f"{page}: {'; '.join(wrong)}" for page, wrong in found.items())


def test_screenshots_match_the_reference_set(shots):
    differences = compare(shots)
    assert differences == {}, "\n".join(f"{name}: {why}" for name, why in differences.items())


def test_an_article_prints_without_navigation_search_or_share_links(browser, layout_server, shots):
    article = next(shot.url for shot in shots if shot.name == "en-article-1366")
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(article)
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(
          ['.sections', '.site-search', '.languages', '.share', '.menu-toggle', 'h1',
           '.article__body'].map((s) => [s, getComputedStyle(document.querySelector(s)).display])
        )"""
    )
    page.close()
    hidden = {name for name, display in shown.items() if display == "none"}
    assert hidden == {".sections", ".site-search", ".languages", ".share", ".menu-toggle"}
