"""Each site's icons and web app manifest, drawn from the catalogue: the channel's logo mark in
white on its primary colour. Nothing is uploaded or fetched; the city portal (or a host with no
channel) gets the portal's "HN" on the default blue.

- ``/favicon.svg``: the icon browsers show in tabs (``<link rel="icon">``);
- ``/favicon.ico``, ``/apple-touch-icon.png``, ``/icon-192.png``, ``/icon-512.png``: the same
  drawn with Pillow, for clients that want a bitmap;
- ``/<language>/manifest.webmanifest``: name and short name in the edition's language, start
  address and scope the edition's home.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.http import HttpRequest
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Site

from sites.models import Channel

DEFAULT_COLOUR = "#1f4e79"
DEFAULT_MARK = "HN"
PNG_SIZES = (180, 192, 512)


@dataclass(frozen=True)
class Brand:
    """What an icon shows: the mark, its background colour, and the site's name."""

    mark: str
    colour: str
    name: str


def brand_for(request: HttpRequest) -> Brand:
    """The brand of the site ``request`` is for, with the name in the active language."""
    channel = Channel.objects.for_site(Site.find_for_request(request))
    if channel is None:
        return Brand(DEFAULT_MARK, DEFAULT_COLOUR, gettext("Hanoi foreign information"))
    return Brand(channel.logo_mark or DEFAULT_MARK, channel.primary_colour, channel.name)


def svg(brand: Brand) -> str:
    """The icon as SVG: a rounded square in the brand colour, the mark in white."""
    size = 44 if len(brand.mark) <= 2 else 30 if len(brand.mark) == 3 else 24
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="18" fill="{escape(brand.colour)}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        f'font-family="system-ui, Arial, sans-serif" font-weight="700" font-size="{size}">'
        f"{escape(brand.mark)}</text></svg>"
    )


def bitmap(brand: Brand, size: int, image_format: str = "PNG") -> bytes:
    """The icon drawn ``size`` pixels square, as PNG (or ICO)."""
    image = Image.new("RGB", (size, size), brand.colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * (0.42 if len(brand.mark) <= 2 else 0.3))
    draw.text((size / 2, size / 2), brand.mark, fill="white", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format=image_format)
    return out.getvalue()


def manifest(brand: Brand, language: str, home_url: str) -> dict:
    """The web app manifest of one edition."""
    icons = [{"src": "/favicon.svg", "sizes": "any", "type": "image/svg+xml"}]
    icons += [
        {"src": f"/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    return {
        "name": brand.name,
        "short_name": brand.mark if len(brand.name) > 12 else brand.name,
        "lang": language,
        "dir": "ltr",
        "start_url": home_url,
        "scope": home_url,
        "display": "browser",
        "theme_color": brand.colour,
        "background_color": "#ffffff",
        "icons": icons,
    }
