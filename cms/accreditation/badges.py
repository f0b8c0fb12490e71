"""The badge list of an event: the journalists whose accreditation was approved, as CSV (for
the badge printer's software) and as a PDF to print, with the project's own fonts embedded so
names in Chinese, Lao or Khmer print as written."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from cms.accreditation.models import AccreditationRequest
from cms.press.models import PressEventPage
from locales import registry

#: The project's web fonts (Lao and Khmer; Chinese in slices by Unicode range), embedded in
#: the PDF: the machine that renders it has no fonts for these scripts.
FONT_STYLESHEETS = ("fonts.css", "fonts-zh-hans.css")
FONT_CSS_DIR = Path(registry.__file__).with_name("static") / "locales" / "css"
SLICE = re.compile(
    r'font-family: "(?P<family>[^"]+)";[^}]*?url\("[^"]*?-(?:(?P<slice>\d+)-)?\d00-normal\.woff2"\)'
)
COLUMNS = ("reference", "name", "outlet", "country", "email", "phone", "language")


def approved(event: PressEventPage) -> QuerySet[AccreditationRequest]:
    """Journalists approved for ``event`` whose data is still kept, by name."""
    return AccreditationRequest.objects.filter(
        events=event, status=AccreditationRequest.Status.APPROVED, erased_at__isnull=True
    ).order_by("name", "pk")


def as_csv(event: PressEventPage) -> bytes:
    """UTF-8 with a byte-order mark, which spreadsheet programs need to read the names."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for item in approved(event):
        writer.writerow([getattr(item, column) for column in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def as_pdf(event: PressEventPage) -> bytes:
    html = render_to_string(
        "accreditation/admin/badges_pdf.html",
        {"event": event, "journalists": approved(event), "printed_at": timezone.now()},
    )
    fonts = FontConfiguration()
    return HTML(string=html).write_pdf(stylesheets=[_font_stylesheet(fonts)], font_config=fonts)


def _font_stylesheet(fonts: FontConfiguration) -> CSS:
    """The web-font stylesheet with one family per Unicode-range slice ("Noto Sans SC 117"):
    WeasyPrint keys the fonts it embeds by family, weight and style, so slices sharing one
    family would be embedded as one font and print glyphs of the wrong slice."""
    css = "\n".join((FONT_CSS_DIR / name).read_text("utf-8") for name in FONT_STYLESHEETS)
    families: list[str] = []

    def split(match: re.Match) -> str:
        family = f"{match['family']} {match['slice']}" if match["slice"] else match["family"]
        if family not in families:
            families.append(family)
        return match[0].replace(f'"{match["family"]}"', f'"{family}"')

    css = SLICE.sub(split, css)
    stack = ", ".join(f'"{family}"' for family in families)
    css += f'\nbody {{ font-family: {stack}, "DejaVu Sans", sans-serif; }}\n'
    return CSS(string=css, base_url=str(FONT_CSS_DIR / FONT_STYLESHEETS[0]), font_config=fonts)
