"""Reading an admin screen as its user does: the visible text of a rendered page (text nodes,
the labels of the sidebar menu, and the attributes people see or hear: placeholders, titles,
ARIA labels, alternative text, button values), and the words in it that are not in the
screen's language.

What counts as "not in the language":
- Lao, Khmer and Chinese screens: any word in Latin letters (English, or Vietnamese leaking in
  through Django's fallback to the site's default language).
- Vietnamese screens: any word of the admin's English vocabulary (the words of the msgids of
  Wagtail, wagtail-localize and the project) that is not also a Vietnamese word of the
  catalogues.
- English screens: any Vietnamese word (one with a Latin letter English does not use).

Proper names are not language: page titles, site names, usernames, image and document titles
and collection names are taken out first (the caller passes them), and so are addresses.
``ALLOWED`` is the small list of names and abbreviations that read the same in every language.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import polib
import wagtail
import wagtail_localize
from bs4 import BeautifulSoup, Comment, Doctype
from django.conf import settings

ALLOWED = frozenset(
    {
        # product and format names
        "Wagtail",
        "JavaScript",
        "PO",
        "TMX",
        "TBX",
        "CSV",
        "XLSX",
        "PDF",
        "URL",
        "MB",
        "KB",
        "meta",
        "ID",
    }
)
HIDDEN_TAGS = ("script", "style", "template", "noscript", "svg", "head")
SPOKEN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "aria-description")
ADDRESS = re.compile(r"(?:https?://|/)\S*|\S+@\S+|\S+\.(?:jpg|jpeg|png|webp|pdf|docx|txt)\b")
LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ]{2,}")
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")
VIETNAMESE_WORD = re.compile(r"[A-Za-z]*[À-ɏḀ-ỿ][A-Za-zÀ-ɏḀ-ỿ]*")


def visible_texts(html: str | bytes, language: str) -> list[str]:
    """Every piece of text a sighted or screen-reader user of ``html`` meets, in a screen in
    ``language``. Elements marked as being in another language (``lang``: the source text of
    a translation, a story's title) are content, not the screen's words; hidden elements are
    not met."""
    soup = BeautifulSoup(html, "html.parser")
    texts: list[str] = []
    sidebar = soup.find("script", id="wagtail-sidebar-props")
    if sidebar is not None:
        texts += _labels(json.loads(sidebar.string or "{}"))
    for tag in soup(HIDDEN_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if tag.has_attr("hidden") or (tag.get("lang") and tag["lang"] != language):
            tag.decompose()
    for node in soup.find_all(string=True):
        if not isinstance(node, (Comment, Doctype)) and node.strip():
            texts.append(node.strip())
    for tag in soup.find_all(True):
        for attribute in SPOKEN_ATTRIBUTES:
            if tag.get(attribute):
                texts.append(str(tag[attribute]))
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.get("value"):
            texts.append(str(tag["value"]))
    return texts


def _labels(data) -> list[str]:
    """The "label" strings anywhere in the sidebar's JSON (menu items, account menu)."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "label" and isinstance(value, str):
                found.append(value)
            else:
                found += _labels(value)
    elif isinstance(data, list):
        for item in data:
            found += _labels(item)
    return found


def foreign_words(texts: list[str], language: str, names: set[str]) -> list[str]:
    """The pieces of ``texts`` with a word not in ``language``, each with the word found."""
    ordered_names = sorted((n for n in names if n), key=len, reverse=True)
    findings = []
    for text in texts:
        for name in ordered_names:
            text = text.replace(name, " ")
        text = ADDRESS.sub(" ", text)
        for word in _foreign(text, language):
            findings.append(f"{word!r} in {text.strip()[:80]!r}")
    return findings


def _foreign(text: str, language: str) -> list[str]:
    if language == "en":
        return [w for w in VIETNAMESE_WORD.findall(text) if w not in ALLOWED]
    if language == "vi":
        english, vietnamese = english_vocabulary(), vietnamese_vocabulary()
        return [
            w
            for w in ASCII_WORD.findall(text)
            if w not in ALLOWED and w.lower() in english and w.lower() not in vietnamese
        ]
    return [w for w in LATIN_WORD.findall(text) if w not in ALLOWED]


def _package_catalogues(code: str) -> list[Path]:
    roots = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
    return [
        path
        for root in roots
        for path in root.glob(f"**/locale/{code}/LC_MESSAGES/*.po")
        if path.suffix == ".po"
    ]


def _project_catalogues(code: str) -> list[Path]:
    return [path for root in settings.LOCALE_PATHS for path in Path(root).glob(f"{code}/*/*.po")]


@cache
def english_vocabulary() -> frozenset[str]:
    """Lower-case words (three letters or more) of every msgid the admin can show."""
    words: set[str] = set()
    for path in _package_catalogues("en") + _project_catalogues("en"):
        for entry in polib.pofile(str(path)):
            words.update(
                w.lower()
                for w in ASCII_WORD.findall(entry.msgid + " " + (entry.msgid_plural or ""))
            )
    return frozenset(words)


@cache
def vietnamese_vocabulary() -> frozenset[str]:
    """Lower-case Latin words of the project's Vietnamese catalogues (loan words included)."""
    words: set[str] = set()
    for path in _project_catalogues("vi"):
        for entry in polib.pofile(str(path)):
            if entry.translated():
                texts = [entry.msgstr, *entry.msgstr_plural.values()]
                for text in texts:
                    words.update(w.lower() for w in ASCII_WORD.findall(text))
    return frozenset(words)
