"""Checks of one translated segment against its source. ``segment_problems`` (untranslated
text, markup, placeholders, script) block publication; ``segment_warnings`` (numbers and dates,
length against the source, doubled spaces, the target language's punctuation) are shown to the
translator and the reviewer but block nothing. Each names the segment (its number in page order,
as on the job page)."""

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
    kind: str = ""

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
        problems.append(
            Problem(number, _("not translated (it is the source text)"), "untranslated")
        )
    source_tags, target_tags = _structure(source), _structure(target)
    if not target_tags.balanced or source_tags.opened != target_tags.opened:
        problems.append(
            Problem(number, _("its markup (tags or links) differs from the source"), "markup")
        )
    missing = sorted(
        set(_PLACEHOLDER.findall(_text_outside_tags(source)))
        - set(_PLACEHOLDER.findall(_text_outside_tags(target)))
    )
    if missing:
        problems.append(
            Problem(
                number,
                _("placeholders missing: %(names)s") % {"names": ", ".join(missing)},
                "placeholders",
            )
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
                "script",
            )
        )
    return problems


# Numbers as written in either language: digits with their group and decimal separators. A
# date (12/3/2025, 12.3.2025) is a run of numbers; its parts must all reappear.
_NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?")
# Lengths outside this share of the source's (in characters, tags aside) are worth a look: a
# sentence dropped or repeated. Chinese is written in about a third of the characters.
LENGTH_RANGE = {"zh-hans": (0.15, 1.2)}
DEFAULT_LENGTH_RANGE = (0.5, 2.5)
# Below this many characters of source the length is not compared (titles, names).
LENGTH_MIN_CHARACTERS = 20
# Punctuation a target language does not use, with what it uses instead.
_WRONG_PUNCTUATION = {
    "zh-hans": {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"},
    "en": {"，": ",", "。": ".", "；": ";", "：": ":", "？": "?", "！": "!"},
    "lo": {"。": ".", "，": ","},
    "km": {"。": "។", "，": ","},
}
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?។])(?=\s|$)")


def _digits(text: str) -> Counter:
    """The numbers in ``text`` as digit strings (separators removed), counted."""
    return Counter(re.sub(r"\D", "", n) for n in _NUMBER.findall(_text_outside_tags(text)))


def segment_warnings(number: int, source: str, target: str, language: str) -> list[Problem]:
    """What a reviewer should look at in ``target`` though it may go live."""
    if not target.strip():
        return []
    warnings = []
    missing = sorted((_digits(source) - _digits(target)).elements())
    if missing:
        warnings.append(
            Problem(
                number,
                _("numbers or dates missing or changed: %(numbers)s")
                % {"numbers": ", ".join(missing)},
                "numbers",
            )
        )
    source_length = len(_text_outside_tags(source).strip())
    target_length = len(_text_outside_tags(target).strip())
    low, high = LENGTH_RANGE.get(language, DEFAULT_LENGTH_RANGE)
    if source_length >= LENGTH_MIN_CHARACTERS and not (
        low * source_length <= target_length <= high * source_length
    ):
        warnings.append(
            Problem(
                number,
                _("%(percent)s %% of the source's length; is something missing or repeated?")
                % {"percent": round(100 * target_length / source_length)},
                "length",
            )
        )
    text = _text_outside_tags(target)
    if "  " in text.replace("\n", " \n") or text != text.strip():
        warnings.append(Problem(number, _("doubled or stray spaces"), "spaces"))
    wrong = sorted({char for char in text if char in _WRONG_PUNCTUATION.get(language, {})})
    doubled = re.search(r"([,.;:!?，。；：！？។])\1", text.replace("...", ""))
    if wrong or doubled or _SPACE_BEFORE.search(text):
        warnings.append(
            Problem(
                number,
                _("punctuation not as %(language)s writes it: %(marks)s")
                % {
                    "language": get_language_info(language)["name_translated"],
                    "marks": " ".join(
                        [f"{char} → {_WRONG_PUNCTUATION[language][char]}" for char in wrong]
                        + ([doubled.group(0)] if doubled else [])
                        + (["␠" + m.group(1) for m in [_SPACE_BEFORE.search(text)] if m])
                    ),
                },
                "punctuation",
            )
        )
    return warnings
