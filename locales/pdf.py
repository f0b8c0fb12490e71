"""PDFs with the project's own fonts embedded (WeasyPrint): the machine that renders them has
no fonts for Lao, Khmer or Chinese, and the Chinese font comes in slices by Unicode range.

Only the font files whose ``unicode-range`` covers a character of the document are handed to
WeasyPrint: it decompresses every file it is given, and a document needs a few of the two
hundred Chinese slices (``tests/benchmarks/pdf_fonts.py`` times both ways).

WeasyPrint keys the fonts it embeds by family, weight and style, so slices sharing one family
would be embedded as one font and print glyphs of the wrong slice: each slice gets a family
of its own ("Noto Sans SC 117"), and the body's font stack names them all."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from locales import registry

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

STATIC_DIR = Path(__file__).with_name("static")
FACE = re.compile(r"@font-face\s*{[^}]*}", re.S)
FAMILY = re.compile(r'font-family:\s*"([^"]+)"')
WEIGHT = re.compile(r"font-weight:\s*(\d+)")
SOURCE = re.compile(r'url\("([^"]+)"\)')
RANGE = re.compile(r"unicode-range:\s*([^;]+);")
SLICE = re.compile(r"-(\d+)-\d00-normal\.woff2$")


@dataclass(frozen=True)
class Face:
    """One font file of the project's font stylesheets, the code points it covers and its
    ``@font-face`` rule (its address made absolute)."""

    family: str
    weight: str
    path: Path
    points: frozenset[int]
    rule: str

    @property
    def slice_family(self) -> str:
        """The family name of this file alone: the family, plus the slice's number for a
        font that comes in slices."""
        number = SLICE.search(self.path.name)
        return f"{self.family} {number.group(1)}" if number else self.family

    def covers(self, points: Iterable[int]) -> bool:
        return not self.points.isdisjoint(points)


def _points(declaration: str) -> frozenset[int]:
    """The code points of a ``unicode-range`` declaration."""
    points: set[int] = set()
    for part in declaration.split(","):
        start, _, end = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(start, 16), int(end or start, 16) + 1))
    return frozenset(points)


@functools.cache
def faces() -> tuple[Face, ...]:
    """Every font file the project's font stylesheets declare, once (the Chinese sheet
    repeats some of the general one's)."""
    found: dict[Path, Face] = {}
    for stylesheet in registry.FONT_STYLESHEETS:
        sheet = STATIC_DIR / stylesheet
        for block in FACE.findall(sheet.read_text("utf-8")):
            family, weight = FAMILY.search(block), WEIGHT.search(block)
            source, unicode_range = SOURCE.search(block), RANGE.search(block)
            if family and weight and source and unicode_range:
                path = (sheet.parent / source.group(1)).resolve()
                rule = block.replace(source.group(0), f'url("{path.as_uri()}")')
                found[path] = Face(family[1], weight[1], path, _points(unicode_range[1]), rule)
    return tuple(found.values())


def code_points(text: str) -> set[int]:
    return {ord(character) for character in text}


def font_rules(text: str) -> str:
    """The project's ``@font-face`` rules for the files covering a character of ``text``, one
    family per slice, and a body font stack: the Lao and Khmer fonts (their ranges hold only
    their scripts), DejaVu Sans for Latin and Vietnamese, then the Chinese slices (some of
    which also hold Latin letters)."""
    points = code_points(text)
    rules: list[str] = []
    families: list[str] = []
    for face in faces():
        if face.covers(points):
            family = face.slice_family
            rules.append(face.rule.replace(f'"{face.family}"', f'"{family}"'))
            if family not in families:
                families.append(family)
    whole = [family for family in families if not family[-1].isdigit()]
    sliced = [family for family in families if family[-1].isdigit()]
    stack = ", ".join(f'"{family}"' for family in [*whole, "DejaVu Sans", *sliced])
    return "\n".join([*rules, f"body {{ font-family: {stack}, sans-serif; }}\n"])


def font_stylesheet(fonts: FontConfiguration, text: str) -> CSS:
    """:func:`font_rules` for ``text`` as a WeasyPrint stylesheet."""
    from weasyprint import CSS  # see render()

    return CSS(string=font_rules(text), font_config=fonts)


def render(html: str) -> bytes:
    """``html`` as a PDF with the project's fonts."""
    # Imported here, not at the top: importing WeasyPrint parses its stylesheets, which every
    # process loading a module that makes PDFs (each management command) would pay for.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    stylesheet = font_stylesheet(fonts, html)
    return HTML(string=html).write_pdf(stylesheets=[stylesheet], font_config=fonts)
