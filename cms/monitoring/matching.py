"""Keyword matching across scripts.

Both the rule and the text are folded the same way (``locales.text.fold``: compatibility form,
case folded, Latin diacritics removed, so "HÀ NỘI", "Ha Noi" and "ha noi" are one key), after
removing the invisible joiners and zero-width spaces that Khmer and Lao text often carries.
Latin-script phrases match whole words only ("Hanoi" is not found in "Hanoians"); Chinese,
Lao and Khmer are written without spaces between words, so their phrases match anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from locales.text import fold, nfc

_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The matching key of ``text``."""
    return fold(_INVISIBLE.sub("", nfc(text)))


def title_key(title: str) -> str:
    """Key under which titles that differ only in case, accents, punctuation or spacing are
    the same story."""
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", normalise(title))).strip()[:500]


def _is_latin(key: str) -> bool:
    """Whether every letter of ``key`` is Latin (words are then separated by spaces)."""
    return all(
        ch.isascii() or not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in key
    )


@dataclass(frozen=True)
class Rule:
    """One phrase, compiled for matching."""

    phrase: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        key = normalise(self.phrase)
        body = r"\s+".join(re.escape(word) for word in key.split())
        if _is_latin(key):
            return re.compile(rf"(?<!\w){body}(?!\w)")
        return re.compile(body)

    def found_in(self, key: str) -> bool:
        return bool(self.pattern.search(key))


class Matcher:
    """The active rules, compiled once per fetch run."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.rules = [Rule(phrase) for phrase in phrases if phrase.strip()]

    def matches(self, *texts: str) -> list[str]:
        """The phrases found in any of ``texts``, in rule order."""
        key = normalise(" ".join(texts))
        return [rule.phrase for rule in self.rules if rule.found_in(key)]
