"""Text normalisation applied at every entry point (forms, imports, stored models)."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from django.utils.html import strip_tags
from django.utils.text import slugify

# Combining marks of Latin-script diacritics only: Lao and Khmer vowel signs are letters there.
_LATIN_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]")
_SPACES = re.compile(r"\s+")


def nfc(value: Any) -> Any:
    """Return ``value`` NFC-normalised if it is text; containers are normalised recursively."""
    if isinstance(value, str):
        return (
            value
            if unicodedata.is_normalized("NFC", value)
            else unicodedata.normalize("NFC", value)
        )
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, tuple):
        return tuple(nfc(item) for item in value)
    if isinstance(value, dict):
        return {nfc(key): nfc(item) for key, item in value.items()}
    return value


def fold(text: str) -> str:
    """Key for matching terms: Unicode-compatibility form, Latin diacritics removed (đ → d),
    case folded, tags and entities removed, whitespace collapsed."""
    text = html.unescape(strip_tags(text))
    text = unicodedata.normalize("NFKD", text)
    text = _LATIN_MARKS.sub("", text).replace("đ", "d").replace("Đ", "D")
    text = text.casefold()
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


SLUG_LIMIT = 80


def vietnamese_slug(title: str) -> str:
    """The slug of a Vietnamese page: the title's words folded to ASCII ("Hà Nội đón…" →
    ``ha-noi-don-…``), cut at a word boundary."""
    slug = slugify(fold(title))
    if len(slug) > SLUG_LIMIT:
        slug = slug[:SLUG_LIMIT].rsplit("-", 1)[0]
    return slug
