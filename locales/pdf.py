"""PDFs with the project's own fonts embedded (WeasyPrint): the machine that renders them has
no fonts for Lao, Khmer or Chinese, and the Chinese font comes in slices by Unicode range.

WeasyPrint keys the fonts it embeds by family, weight and style, so slices sharing one family
would be embedded as one font and print glyphs of the wrong slice: each slice gets a family
of its own ("Noto Sans SC 117"), and the body's font stack names them all."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from locales import registry

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

STATIC_DIR = Path(__file__).with_name("static")
SLICE = re.compile(
    r'font-family: "(?P<family>[^"]+)";[^}]*?url\("[^"]*?-(?:(?P<slice>\d+)-)?\d00-normal\.woff2"\)'
)


def font_stylesheet(fonts: FontConfiguration) -> CSS:
    """The project's web-font stylesheets, one family per slice, and a body font stack: the
    Lao and Khmer fonts (their ranges hold only their scripts), DejaVu Sans for Latin and
    Vietnamese, then the Chinese slices (some of which also hold Latin letters)."""
    from weasyprint import CSS  # see render()

    sheets = [STATIC_DIR / path for path in registry.FONT_STYLESHEETS]
    css = "\n".join(sheet.read_text("utf-8") for sheet in sheets)
    families: list[str] = []

    def split(match: re.Match) -> str:
        family = f"{match['family']} {match['slice']}" if match["slice"] else match["family"]
        if family not in families:
            families.append(family)
        return match[0].replace(f'"{match["family"]}"', f'"{family}"')

    css = SLICE.sub(split, css)
    whole = [family for family in families if not family[-1].isdigit()]
    sliced = [family for family in families if family[-1].isdigit()]
    stack = ", ".join(f'"{family}"' for family in [*whole, "DejaVu Sans", *sliced])
    css += f"\nbody {{ font-family: {stack}, sans-serif; }}\n"
    return CSS(string=css, base_url=str(sheets[0]), font_config=fonts)


def render(html: str) -> bytes:
    """``html`` as a PDF with the project's fonts."""
    # Imported here, not at the top: importing WeasyPrint parses its stylesheets, which every
    # process loading a module that makes PDFs (each management command) would pay for.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return HTML(string=html).write_pdf(stylesheets=[font_stylesheet(fonts)], font_config=fonts)
