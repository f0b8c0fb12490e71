"""Text analysis per language, the same at index and at query time for every engine.

Steps: NFC, removal of invisible characters (zero-width space and friends), then word
segmentation with ICU's dictionary word break (``icu4py``, which bundles its own ICU, so the
result does not depend on the machine). Every token keeps its offsets in the cleaned text, so
highlights can be placed on the original words (Chinese, Lao and Khmer have no spaces).

Per token the engines index up to three terms:

- ``word``: the case-folded word (English: its Snowball stem);
- ``folded`` (Vietnamese and English): the word without diacritics ("Việt" → "viet",
  đ → d), so queries typed without diacritics find text with them (and "Hà Nội" typed in
  the English edition finds "Ha Noi"), while exact words still rank first;
- ``grams``: character bigrams of Lao, Khmer and Chinese words, so parts of compounds that the
  dictionary keeps whole are still findable (a low-weight field).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import icu4py
import snowballstemmer
from icu4py.breakers import WordBreaker

#: Bump when anything below changes the terms produced: the index must then be rebuilt.
ANALYSIS_VERSION = 1
ICU_VERSION: str = icu4py.icu_version

INVISIBLES = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u2061\u2062\u2063\u2064"),
    None,
)
GRAM_LANGUAGES = frozenset({"zh-hans", "lo", "km"})
FOLD_LANGUAGES = frozenset({"vi", "en"})
ICU_LOCALES = {"vi": "vi", "en": "en", "zh-hans": "zh_Hans", "lo": "lo", "km": "km"}
# Vietnamese typists sometimes use the Icelandic eth for đ.
VI_CHARACTERS = str.maketrans({"Ð": "Đ", "ð": "đ"})
# Tone-mark placement: old style (hòa) and new style (hoà) are the same word.
VI_TONE_PLACEMENT = {
    new: old
    for old, new in (
        ("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
        ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
        ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"),
    )
}  # fmt: skip
VI_TONE_RE = re.compile("|".join(VI_TONE_PLACEMENT))
MAX_WORD_LENGTH = 64


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its offsets in the cleaned text and its index terms."""

    start: int
    end: int
    word: str
    folded: str
    grams: tuple[str, ...]


# Lao letters with only a compatibility decomposition: the two-letter spellings are composed, so
# the dictionary word break sees one spelling (ໃຫມ່ and ໃໝ່ are the same word).
LAO_COMPOSE = re.compile("ຫມ|ຫນ|\u0ecd\u0eb2")
LAO_COMPOSED = {"ຫມ": "ໝ", "ຫນ": "ໜ", "\u0ecd\u0eb2": "\u0eb3"}


def clean(text: str, language: str = "") -> str:
    """NFC with invisible characters removed (and Lao spellings composed): the text that token
    offsets refer to, at index and query time."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLES)
    if language == "lo":
        text = LAO_COMPOSE.sub(lambda m: LAO_COMPOSED[m.group(0)], text)
    return text


def fold(word: str) -> str:
    """``word`` without diacritics (đ → d), lower case."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer("english") if language == "en" else None


def _is_word(segment: str) -> bool:
    return any(unicodedata.category(c)[0] in "LN" for c in segment)


def _normalise_word(word: str, language: str) -> str:
    word = word.casefold()
    if language == "vi":
        word = word.translate(VI_CHARACTERS)
        word = VI_TONE_RE.sub(lambda m: VI_TONE_PLACEMENT[m.group(0)], word)
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def query_grams(token: Token, language: str) -> tuple[str, ...]:
    """Bigrams to look for inside longer words: none for Lao and Khmer words of fewer than three
    code points (a consonant and a vowel sign occur inside thousands of words)."""
    if language in ("lo", "km") and len(token.word) < 3:
        return ()
    return token.grams


def bigrams(word: str) -> tuple[str, ...]:
    """Character bigrams of ``word`` (the word itself when it has one character)."""
    if len(word) < 2:
        return (word,)
    return tuple(word[i : i + 2] for i in range(len(word) - 1))


@lru_cache(maxsize=200_000)
def _word_terms(segment: str, language: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(word, folded, grams) of one segment, or None if it is not a word (cached: a corpus
    repeats its vocabulary, so this makes bulk indexing several times faster)."""
    if len(segment) > MAX_WORD_LENGTH or not _is_word(segment):
        return None
    word = _normalise_word(segment, language)
    folded = fold(word) if language in FOLD_LANGUAGES else word
    return word, folded, bigrams(word) if language in GRAM_LANGUAGES else ()


def _segments(text: str, language: str):
    for start, end in WordBreaker(text, ICU_LOCALES.get(language, "en")).segments():
        terms = _word_terms(text[start:end], language)
        if terms is not None:
            yield start, end, terms


def analyse(text: str, language: str) -> list[Token]:
    """Tokens of ``text`` (already :func:`clean`) in ``language``, with their terms."""
    return [Token(start, end, *terms) for start, end, terms in _segments(text, language)]


@dataclass(frozen=True, slots=True)
class Terms:
    """The space-separated term strings a text contributes to each index field."""

    words: str
    folded: str
    grams: str


def terms(text: str, language: str) -> Terms:
    """Index terms of ``text`` per field, ready for a whitespace tokenizer in any engine."""
    terms = [t for _, _, t in _segments(clean(text, language), language)]
    return Terms(
        words=" ".join(t[0] for t in terms),
        folded=" ".join(t[1] for t in terms) if language in FOLD_LANGUAGES else "",
        grams=" ".join(gram for t in terms for gram in t[2]),
    )
