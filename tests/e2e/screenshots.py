"""Screenshots of every reader page type in every language at three widths, the contact sheet
made from them, and their comparison with the committed reference set.

``make screenshots`` (``python -m tests.e2e.screenshots``) starts the browser-test server, writes
``<language>-<page type>-<width>.png`` (full page) into ``tests/artifacts/screenshots/``, draws
``docs/images/reader-contact-sheet.png`` and compares every screenshot with its reference in
``tests/e2e/reference/`` (the same picture shrunk to ``THUMB_WIDTH`` pixels wide, in few
colours, so the set stays small). ``make screenshots UPDATE=1`` (``--update``) accepts the new
screenshots as the reference after you have looked at them. ``tests/e2e/test_layout.py`` runs
the same capture and comparison in the browser suite. Both date the server's content back from
one fixed instant (``CLOCK``), so that the pages compared are the same on any day: a date one
character longer can wrap a card's line and move the page below it.

A screenshot differs from its reference when its height differs by more than
``HEIGHT_TOLERANCE`` or more than ``PIXEL_TOLERANCE`` of the shrunk pixels differ by more than
``PIXEL_THRESHOLD`` (of 255) in any colour from every reference pixel within
``SHIFT_TOLERANCE`` CSS pixels above or below: dates, small text changes and a line more or
less stay under it, a moved column, a collapsed header or a lost grid do not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

from locales import registry
from tests.e2e.pages import every_page_type
from tests.e2e.server import ROOT, LiveServer

# The instant the server's content is dated back from: 10:00 in Hanoi.
CLOCK = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)
# Viewport (width → height) in CSS pixels: a phone, a tablet upright, a laptop.
VIEWPORTS = {390: 844, 768: 1024, 1366: 768}
PAGE_TYPES = ("directory", "home", "section", "article", "standard", "search", "not-found")
SHOTS = ROOT / "tests" / "artifacts" / "screenshots"
REFERENCE = Path(__file__).parent / "reference"
CONTACT_SHEET = ROOT / "docs" / "images" / "reader-contact-sheet.png"
THUMB_WIDTH = 120
THUMB_COLOURS = 48
PIXEL_THRESHOLD = 10
PIXEL_TOLERANCE = 0.03
HEIGHT_TOLERANCE = 0.04
SHIFT_TOLERANCE = 32  # CSS pixels up or down

# Measured on every page after load: the boxes the layout checks compare (test_layout.py).
MEASURE = """() => {
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || getComputedStyle(el).visibility === 'hidden') return null;
    return {left: r.left, top: r.top + scrollY, width: r.width, bottom: r.bottom + scrollY};
  };
  const main = document.querySelector('main');
  const padding = parseFloat(getComputedStyle(main).paddingLeft);
  const headings = [...main.querySelectorAll('h1, h2, h3')].map(box).filter(Boolean);
  return {
    viewport: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    bodyClasses: [...document.body.classList],
    header: box(document.querySelector('.site-header')),
    footer: box(document.querySelector('.site-footer')),
    main: box(main),
    contentLeft: box(main).left + padding,
    brand: box(document.querySelector('.brand')),
    sectionLink: box(document.querySelector('.sections li a')),
    headline: headings[0] || null,
  };
}"""

# Lazy images load before the screenshot; then the fonts and images are waited for.
SETTLE = """async () => {
  document.querySelectorAll('img[loading=lazy]').forEach((img) => { img.loading = 'eager'; });
  await Promise.all([...document.images].map((img) => img.decode().catch(() => null)));
  await document.fonts.ready;
}"""


@dataclass
class Shot:
    """One page at one width: where its screenshot is and what ``MEASURE`` found."""

    code: str
    kind: str
    width: int
    url: str
    path: Path
    metrics: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.code}-{self.kind}-{self.width}"


def capture(browser, server: LiveServer, folder: Path = SHOTS) -> list[Shot]:
    """Visit every page type in every language at every width in one browser page; measure
    each and save its full-page screenshot in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, device_scale_factor=1)
    page = context.new_page()
    urls = {code: every_page_type(server, page, code) for code in registry.CODES}
    shots = []
    for width, height in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        for code in registry.CODES:
            for kind, url in urls[code]:
                shot = Shot(code, kind, width, url, folder / f"{code}-{kind}-{width}.png")
                page.goto(url)
                page.evaluate(SETTLE)
                shot.metrics = page.evaluate(MEASURE)
                page.screenshot(path=shot.path, full_page=True, animations="disabled")
                shots.append(shot)
    context.close()
    return shots


def thumbnail(path: Path, palette: Image.Image | None = None) -> Image.Image:
    """The screenshot shrunk to ``THUMB_WIDTH`` pixels wide, in ``THUMB_COLOURS`` colours of
    its own or, to compare it with a reference, in the reference's ``palette``: two adaptive
    palettes can round one colour of a picture apart and make a whole area differ."""
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    height = max(1, round(rgb.height * THUMB_WIDTH / rgb.width))
    small = rgb.resize((THUMB_WIDTH, height), Image.Resampling.LANCZOS)
    if palette is None:
        return small.quantize(THUMB_COLOURS)
    return small.quantize(palette=palette, dither=Image.Dither.NONE)


def _worst_channel(new: Image.Image, old: Image.Image) -> Image.Image:
    red, green, blue = ImageChops.difference(new, old).split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def difference(shot: Shot, reference: Path) -> str | None:
    """Why ``shot`` differs from ``reference`` beyond the tolerances, or ``None``. Each pixel
    is compared with the reference's pixels up to ``SHIFT_TOLERANCE`` CSS pixels above and
    below it, so that text that moved down a line (a date one word longer) is not a change."""
    if not reference.exists():
        return "no reference picture"
    with Image.open(reference) as image:
        image.load()
        old = image.convert("RGB")
        new = thumbnail(shot.path, palette=image if image.mode == "P" else None).convert("RGB")
    if abs(new.height - old.height) > HEIGHT_TOLERANCE * old.height:
        return f"height {new.height} px, reference {old.height} px (shrunk)"
    reach = round(SHIFT_TOLERANCE * THUMB_WIDTH / shot.width)
    height = min(new.height, old.height) - 2 * reach
    if height <= 0:
        return None
    compared = new.crop((0, reach, THUMB_WIDTH, reach + height))
    nearest = None
    for shift in range(2 * reach + 1):
        worst = _worst_channel(compared, old.crop((0, shift, THUMB_WIDTH, shift + height)))
        nearest = worst if nearest is None else ImageChops.darker(nearest, worst)
    assert nearest is not None
    changed = nearest.point(lambda value: 255 if value > PIXEL_THRESHOLD else 0).histogram()[255]
    share = changed / (THUMB_WIDTH * height)
    if share > PIXEL_TOLERANCE:
        return f"{share:.1%} of the pixels differ"
    return None


def compare(shots: list[Shot], reference: Path = REFERENCE) -> dict[str, str]:
    """Every screenshot that differs from its reference, with the reason."""
    found = {}
    for shot in shots:
        reason = difference(shot, reference / f"{shot.name}.png")
        if reason:
            found[shot.name] = reason
    return found


def update_reference(shots: list[Shot], reference: Path = REFERENCE) -> None:
    """Make the screenshots the new reference set (shrunk), dropping pictures of pages that
    are no longer captured."""
    reference.mkdir(parents=True, exist_ok=True)
    for old in reference.glob("*.png"):
        old.unlink()
    for shot in shots:
        thumbnail(shot.path).save(reference / f"{shot.name}.png", optimize=True)


def contact_sheet(shots: list[Shot], target: Path = CONTACT_SHEET, scale: float = 0.2) -> Path:
    """One picture of them all: a row per page type and width, a column per language; each
    screenshot scaled by ``scale`` and cut after one and a half screens."""
    font = ImageFont.load_default(size=14)
    by_name = {shot.name: shot for shot in shots}
    label, gap = 18, 8
    column = round(max(VIEWPORTS) * scale)
    rows = [(kind, width) for kind in PAGE_TYPES for width in VIEWPORTS]
    heights = {w: round(h * 1.5 * scale) for w, h in VIEWPORTS.items()}
    sheet = Image.new(
        "RGB",
        (
            len(registry.CODES) * (column + gap) + gap,
            sum(heights[w] + label + gap for _kind, w in rows) + label + gap,
        ),
        "white",
    )
    draw = ImageDraw.Draw(sheet)
    for index, code in enumerate(registry.CODES):
        draw.text((gap + index * (column + gap), 2), code, fill="black", font=font)
    top = label + gap
    for kind, width in rows:
        draw.text((gap, top), f"{kind} · {width} px", fill="black", font=font)
        for index, code in enumerate(registry.CODES):
            shot = by_name.get(f"{code}-{kind}-{width}")
            if shot is None:
                continue
            with Image.open(shot.path) as image:
                small = image.convert("RGB").resize(
                    (round(image.width * scale), round(image.height * scale)),
                    Image.Resampling.LANCZOS,
                )
            small = small.crop((0, 0, small.width, min(small.height, heights[width])))
            left = gap + index * (column + gap)
            sheet.paste(small, (left, top + label))
            draw.rectangle(
                (left - 1, top + label - 1, left + small.width, top + label + small.height),
                outline="#999999",
            )
        top += heights[width] + label + gap
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.quantize(128).save(target, optimize=True)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="accept as the reference set")
    arguments = parser.parse_args()
    # imported here: Playwright is needed only when screenshots are taken
    from playwright.sync_api import sync_playwright

    from tests.e2e.tools import CHROMIUM, CHROMIUM_ARGS

    server = LiveServer.start(ROOT / "tests" / "artifacts" / "screenshots-server", clock=CLOCK)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            shots = capture(browser, server)
            browser.close()
    finally:
        server.stop()
    print(f"{len(shots)} screenshots in {SHOTS}")
    print(f"contact sheet: {contact_sheet(shots)}")
    if arguments.update:
        update_reference(shots)
        print(f"reference set updated: {REFERENCE}")
        return 0
    differences = compare(shots)
    for name, reason in sorted(differences.items()):
        print(f"differs from the reference: {name}: {reason}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
