"""Checks of one translated segment against its source: untranslated text, markup, placeholders
and script. Each problem names the segment (its number in page order, as on the job page)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from locales import registry

# Names in the Unicode database that start a script's letters, per the registry's script codes.
_SCRIPT_PREFIXES = {
    "Latn": ("LATIN ",),
    "Laoo": ("LAO ",),
    "Khmr": ("KHMER ",),
    "Hans": ("CJK ",),
}
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}|\{\w*\}")
_VOID = {"br", "hr", "img", "wbr"}
# A segment left in the source text is untranslated from this many words on; shorter ones
# (a person's or a place's name) may rightly stay as written.
UNTRANSLATED_MIN_WORDS = 4


@dataclass(frozen=True)
class Problem:
    """One reason a segment may not go live."""

    segment: int
    message: str

    def describe(self) -> str:
        return _("segment %(segment)s: %(problem)s") % {
            "segment": self.segment,
            "problem": self.message,
        }


class _Tags(HTMLParser):
    """The element structure of a segment: opening tags with their ``id`` (wagtail-localize's
    link placeholders, ``<a id="a1">``) and whether every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.opened: Counter = Counter()
        self.stack: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        self.opened[(tag, dict(attrs).get("id"))] += 1
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False


def _structure(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    if parser.stack or "<" in _text_outside_tags(html):
        parser.balanced = False
    return parser


def _text_outside_tags(html: str) -> str:
    return re.sub(r"<[^<>]*>", "", html)


def _letters(text: str) -> list[str]:
    return [char for char in _text_outside_tags(text) if char.isalpha()]


def _in_script(char: str, script: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(_SCRIPT_PREFIXES.get(script, ("\0",)))


def segment_problems(number: int, source: str, target: str, language: str) -> list[Problem]:
    """What stops ``target`` (the ``language`` translation of segment ``number``) going live."""
    problems = []
    letters = _letters(source)
    if (
        target.strip() == source.strip()
        and len(_text_outside_tags(source).split()) >= UNTRANSLATED_MIN_WORDS
        and any(not char.isascii() for char in letters)
    ):
        problems.append(Problem(number, _("not translated (it is the source text)")))
    source_tags, target_tags = _structure(source), _structure(target)
    if not target_tags.balanced or source_tags.opened != target_tags.opened:
        problems.append(Problem(number, _("its markup (tags or links) differs from the source")))
    missing = sorted(
        set(_PLACEHOLDER.findall(_text_outside_tags(source)))
        - set(_PLACEHOLDER.findall(_text_outside_tags(target)))
    )
    if missing:
        problems.append(
            Problem(number, _("placeholders missing: %(names)s") % {"names": ", ".join(missing)})
        )
    script = registry.BY_CODE[language].script if language in registry.BY_CODE else "Latn"
    target_letters = _letters(target)
    kept_as_is = target.strip() == source.strip() and all(char.isascii() for char in letters)
    if (
        script != "Latn"
        and target_letters
        and not kept_as_is
        and not any(_in_script(char, script) for char in target_letters)
    ):
        problems.append(
            Problem(
                number,
                _("not written in the script of %(language)s")
                % {"language": get_language_info(language)["name_translated"]},
            )
        )
    return problems
