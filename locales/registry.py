"""The language registry: one record per edition language, the single source for settings,
templates and provisioning.

Vietnamese is the source language. Lao is not in Django's built-in language list, so
`register_lao()` adds it to ``django.conf.locale.LANG_INFO`` (called from settings, before
anything reads it) so that ``get_language_info("lo")`` and every i18n template tag work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf.locale import LANG_INFO
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Language:
    """An edition language: its code, names, script and the web font that covers the script.
    ``preload_fonts``: static paths of the font files every page in the language needs at once
    (preloaded so the text does not reflow when they arrive; Chinese uses many small slices
    chosen by ``unicode-range``, so none is preloaded). ``font_stylesheet``: an extra static
    stylesheet for pages in the language (the Chinese font's slices, too big for every page)."""

    code: str
    name: str
    name_local: str
    script: str
    font_family: str | None
    og_locale: str
    preload_fonts: tuple[str, ...] = ()
    font_stylesheet: str | None = None


SOURCE_LANGUAGE = "vi"
# The edition for a reader whose browser asks for no language we publish (French, Japanese,
# Korean, or none at all), and the hreflang x-default: these are foreign-information sites
# (docs/adr/0007-english-for-unsupported-languages.md).
FOREIGN_READER_LANGUAGE = "en"

LANGUAGES: tuple[Language, ...] = (
    Language("vi", "Vietnamese", "Tiếng Việt", "Latn", None, "vi_VN"),
    Language("en", "English", "English", "Latn", None, "en_GB"),
    Language(
        "zh-hans",
        "Simplified Chinese",
        "简体中文",
        "Hans",
        "Noto Sans SC",
        "zh_CN",
        font_stylesheet="locales/css/fonts-zh-hans.css",
    ),
    Language(
        "lo",
        "Lao",
        "ພາສາລາວ",
        "Laoo",
        "Noto Sans Lao",
        "lo_LA",
        tuple(f"locales/fonts/noto-sans-lao-lao-{w}-normal.woff2" for w in (400, 700)),
    ),
    Language(
        "km",
        "Khmer",
        "ភាសាខ្មែរ",
        "Khmr",
        "Noto Sans Khmer",
        "km_KH",
        tuple(f"locales/fonts/noto-sans-khmer-khmer-{w}-normal.woff2" for w in (400, 700)),
    ),
)

BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
#: Every stylesheet of the project's web fonts (static paths): the one all pages link, then the
#: languages' own. Documents in any language (PDFs, the admin) embed or link them all.
FONT_STYLESHEETS: tuple[str, ...] = (
    "locales/css/fonts.css",
    *(language.font_stylesheet for language in LANGUAGES if language.font_stylesheet),
)
CODES: tuple[str, ...] = tuple(BY_CODE)
TARGET_CODES: tuple[str, ...] = tuple(code for code in CODES if code != SOURCE_LANGUAGE)


def django_languages() -> list[tuple[str, str | Promise]]:
    """``settings.LANGUAGES``: code and English name (translated where it is shown, as
    Django's own list is), in edition order."""
    return [(language.code, gettext_lazy(language.name)) for language in LANGUAGES]


def admin_languages() -> list[tuple[str, str]]:
    """``WAGTAILADMIN_PERMITTED_LANGUAGES``: every edition language, named in itself."""
    return [(language.code, language.name_local) for language in LANGUAGES]


def register_lao() -> None:
    """Add Lao (and local names for every edition) to Django's language information."""
    for language in LANGUAGES:
        LANG_INFO[language.code] = {
            "bidi": False,
            "code": language.code,
            "name": language.name,
            "name_local": language.name_local,
        }
    LANG_INFO.setdefault("lo-la", {"fallback": ["lo"]})


def get(code: str) -> Language:
    """The registry record for ``code``; raises ``KeyError`` for a language we do not publish."""
    return BY_CODE[code]


def default_edition(codes: Iterable[str]) -> str | None:
    """Of the editions ``codes`` a page exists in, the one for readers whose language has none
    (the hreflang ``x-default``): English where it exists, else the Vietnamese original."""
    present = set(codes)
    for code in (FOREIGN_READER_LANGUAGE, SOURCE_LANGUAGE):
        if code in present:
            return code
    return None
