"""What makes a reason for publishing without approval meaningful: a category from a fixed list
and a sentence that explains it. The sentence is checked for length, for enough distinct words
and letters, and against runs of one repeated letter ("xxxxxxxxxxxxxxx")."""

from __future__ import annotations

import re
import unicodedata

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MIN_CHARACTERS = 25
MIN_WORDS = 5
MIN_DISTINCT_WORDS = 4
MIN_DISTINCT_LETTERS = 8
#: A letter repeated this many times in a row is a keystroke pattern, not a word.
MAX_RUN = 4

_WORD = re.compile(r"[^\W_]+")
_RUN = re.compile(rf"([^\W\d_])\1{{{MAX_RUN - 1},}}")


class Category(models.TextChoices):
    URGENT_CORRECTION = "urgent_correction", gettext_lazy("Urgent correction")
    LEGAL_REQUIREMENT = "legal_requirement", gettext_lazy("Legal requirement")
    BREAKING_NEWS = "breaking_news", gettext_lazy("Breaking news")
    TECHNICAL_FAULT = "technical_fault", gettext_lazy("Technical fault")


def normalise(text: str) -> str:
    """NFC, with runs of white space made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _is_ideographic(character: str) -> bool:
    return unicodedata.name(character, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY"))


def words(text: str) -> list[str]:
    """The words of ``text``; Chinese, written without spaces, counts one word per character."""
    found: list[str] = []
    for token in _WORD.findall(text.casefold()):
        if any(_is_ideographic(c) for c in token):
            found.extend(token)
        else:
            found.append(token)
    return found


def problems(text: str) -> list[str]:
    """Why ``text`` (already normalised) is not a meaningful reason; empty when it is."""
    found = []
    if len(text) < MIN_CHARACTERS:
        found.append(
            _("Explain the reason in at least %(limit)d characters.") % {"limit": MIN_CHARACTERS}
        )
    tokens = words(text)
    if len(tokens) < MIN_WORDS or len(set(tokens)) < MIN_DISTINCT_WORDS:
        found.append(
            _("Explain the reason in a sentence of at least %(count)d different words.")
            % {"count": MIN_WORDS}
        )
    letters = {c for c in text.casefold() if c.isalpha()}
    if _RUN.search(text) or len(letters) < MIN_DISTINCT_LETTERS:
        found.append(_("Write the reason in words: repeated or random letters are not a reason."))
    return found
