"""Text analysis per language, the same at index and at query time for every engine.

Steps: NFC, removal of invisible characters (zero-width space and friends) and composition of
visually identical spellings (:func:`clean`: the display text that offsets refer to); then
canonical forms of the same length (:func:`canonical`: Traditional → Simplified Chinese, Lao
older spellings and mark order, Khmer coeng and vowel order) and word segmentation with ICU's
dictionary word break (``icu4py``, which bundles its own ICU, so the result does not depend on
the machine). Every token keeps its offsets in the cleaned text, so highlights can be placed on
the original words (Chinese, Lao and Khmer have no spaces).

Per token the engines index up to three terms:

- ``word``: the case-folded word (English: its Snowball stem);
- ``folded`` (Vietnamese and English): the word without diacritics ("Việt" → "viet",
  đ → d; English: the written word, not its stem), so queries typed without diacritics find
  text with them (and "Hà Nội" typed in the English edition finds "Ha Noi"), while exact
  words still rank first;
- ``grams``: character bigrams of each unspaced run of Lao, Khmer and Chinese text (across the
  segmenter's word breaks, with the run's last character alone at its end), so a query word is
  found anywhere inside a run, whatever the dictionary did with it (a low-weight field).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import icu4py
import snowballstemmer
from icu4py.breakers import WordBreaker

#: Bump when anything below changes the terms produced: the index must then be rebuilt.
ANALYSIS_VERSION = 2
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
# A Vietnamese syllable without diacritics: onset, vowels, final consonant.
VI_SYLLABLE = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?"
    "(?:uye|uya|uyu|ieu|yeu|uoi|uou|oai|oay|oeo|uay|ua|uo|ue|ui|uu|uy|ia|ie|iu|oa|oe|oi|oo"
    "|ai|ao|au|ay|eo|eu|ya|ye|a|e|i|o|u|y)"
    "(?:ch|ng|nh|c|m|n|p|t)?"
)
MAX_JOINED_SYLLABLES = 3
MAX_JOINED_FORMS = 4
# Plurals of words in -us after a consonant (buses, campuses, viruses, bonuses).
PLURAL_US = re.compile(r"\w*[^aeiou\W]uses")
MAX_WORD_LENGTH = 64
ZH_T2S = dict(
    line.split("\t")
    for line in (Path(__file__).with_name("data") / "zh_t2s.tsv").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
)
# Simplified text holds few Traditional characters: a character class finds them faster than
# str.translate looks up every character.
ZH_TRADITIONAL = re.compile(f"[{''.join(ZH_T2S)}]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its offsets in the cleaned text and its index terms (a query word
    also has ``joined``: the spaced forms a Vietnamese word typed joined may stand for)."""

    start: int
    end: int
    word: str
    folded: str
    grams: tuple[str, ...]
    joined: tuple[str, ...] = ()


# Letters and vowels that have a one-letter form: the two-letter spellings are composed, so
# the dictionary word break sees one spelling (ໃຫມ່ and ໃໝ່ are the same word; ເເ is ແ typed
# as two letters; Khmer េ + ី is ើ, េ + ា is ោ; ឣ and ឤ are deprecated for អ and អា).
COMPOSE = {
    "lo": {"ຫມ": "ໝ", "ຫນ": "ໜ", "\u0ecd\u0eb2": "\u0eb3", "ເເ": "ແ"},
    "km": {"\u17c1\u17b8": "\u17be", "\u17c1\u17b6": "\u17c4", "ឣ": "អ", "ឤ": "អា"},
}
COMPOSE_RE = {language: re.compile("|".join(pairs)) for language, pairs in COMPOSE.items()}
# Spellings of the same length that are the same word: Lao ຫລ is the older spelling of ຫຼ and
# ຣ of ລ; Khmer subscript ដ (្ដ) and subscript ត (្ត) are written alike and used for each other.
SAME_LENGTH = {"lo": {"ຫລ": "ຫຼ", "ຣ": "ລ"}, "km": {"\u17d2\u178a": "\u17d2\u178f"}}
SAME_LENGTH_RE = {language: re.compile("|".join(pairs)) for language, pairs in SAME_LENGTH.items()}
# Marks after a base letter, in a canonical order (a stable sort on these ranks): Khmer coeng
# with its consonant, then register shifters and robat, vowel signs, other signs; Lao
# subscript ລ, then vowel signs, then tone marks. Readers type them in either order.
KHMER_TAIL = re.compile("(\u17d2[\u1780-\u17b3]?|[\u17b6-\u17d1\u17d3\u17dd])+")
LAO_TAIL = re.compile("[\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd]{2,}")
# Two adjacent marks out of that order: only then is a text reordered (most text is in order).
KHMER_DISORDER = re.compile(
    "[\u17b6-\u17d1\u17d3\u17dd]\u17d2|[\u17b6-\u17c8\u17cb\u17cd-\u17d1\u17d3\u17dd][\u17c9\u17ca\u17cc]"
    "|[\u17c6-\u17c8\u17cb\u17cd-\u17d1\u17d3\u17dd][\u17b6-\u17c5]"
)
LAO_DISORDER = re.compile(
    "[\u0ec8-\u0ecc][\u0eb1\u0eb4-\u0ebc\u0ecd]|[\u0eb1\u0eb4-\u0ebb\u0ecd]\u0ebc"
)


def _khmer_rank(item: str) -> int:
    if item[0] == "\u17d2":
        return 0
    if item in "\u17c9\u17ca\u17cc":
        return 1
    return 2 if "\u17b6" <= item <= "\u17c5" else 3


def _lao_rank(mark: str) -> int:
    return 0 if mark == "\u0ebc" else 2 if "\u0ec8" <= mark <= "\u0ecc" else 1


def _khmer_order(match: re.Match) -> str:
    items = re.findall("\u17d2[\u1780-\u17b3]?|.", match.group(0))
    return "".join(sorted(items, key=_khmer_rank))


def _lao_order(match: re.Match) -> str:
    return "".join(sorted(match.group(0), key=_lao_rank))


def clean(text: str, language: str = "") -> str:
    """NFC with invisible characters removed and visually identical spellings composed: the
    text that token offsets refer to, at index and query time."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLES)
    if language in COMPOSE:
        text = COMPOSE_RE[language].sub(lambda m: COMPOSE[language][m.group(0)], text)
    return text


def canonical(text: str, language: str) -> str:
    """``text`` (already :func:`clean`) with one spelling for variants of the same length, so
    offsets stay valid: Traditional Chinese characters as Simplified, Lao older spellings and
    mark order, Khmer coeng, shifter and vowel order and ្ដ as ្ត."""
    if language == "zh-hans":
        return ZH_TRADITIONAL.sub(lambda m: ZH_T2S[m.group(0)], text)
    if language in SAME_LENGTH:
        text = SAME_LENGTH_RE[language].sub(lambda m: SAME_LENGTH[language][m.group(0)], text)
    if language == "km" and KHMER_DISORDER.search(text):
        return KHMER_TAIL.sub(_khmer_order, text)
    if language == "lo" and LAO_DISORDER.search(text):
        return LAO_TAIL.sub(_lao_order, text)
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


def _stem(word: str, stemmer) -> str:
    # Snowball keeps the e of plurals of words in -us ("buses" → "buse", "bus" → "bus").
    if PLURAL_US.fullmatch(word):
        word = word[:-2]
    return stemmer.stemWord(word)


def _normalise_word(word: str, language: str) -> str:
    word = word.casefold()
    if language == "vi":
        word = word.translate(VI_CHARACTERS)
        word = VI_TONE_RE.sub(lambda m: VI_TONE_PLACEMENT[m.group(0)], word)
    stemmer = _stemmer(language)
    return _stem(word, stemmer) if stemmer else word


def bigrams(word: str) -> tuple[str, ...]:
    """Character bigrams of ``word`` (the word itself when it has one character)."""
    if len(word) < 2:
        return (word,)
    return tuple(word[i : i + 2] for i in range(len(word) - 1))


def run_grams(run: str) -> list[str]:
    """Index grams of an unspaced run: its bigrams, then its last character alone (so a
    one-character query word is found at the end of a run too)."""
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


@lru_cache(maxsize=200_000)
def _word_terms(segment: str, language: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(word, folded, grams) of one segment, or None if it is not a word (cached: a corpus
    repeats its vocabulary, so this makes bulk indexing several times faster)."""
    if len(segment) > MAX_WORD_LENGTH or not _is_word(segment):
        return None
    word = _normalise_word(segment, language)
    if language == "en":
        folded = fold(segment)  # the written word: suggestions and exact forms
    else:
        folded = fold(word) if language in FOLD_LANGUAGES else word
    return word, folded, bigrams(word) if language in GRAM_LANGUAGES else ()


def _segments(text: str, language: str):
    text = canonical(text, language)
    for start, end in WordBreaker(text, ICU_LOCALES.get(language, "en")).segments():
        terms = _word_terms(text[start:end], language)
        if terms is not None:
            yield start, end, terms


def analyse(text: str, language: str) -> list[Token]:
    """Tokens of ``text`` (already :func:`clean`) in ``language``, with their terms."""
    return [Token(start, end, *terms) for start, end, terms in _segments(text, language)]


def joined_syllables(folded: str) -> tuple[str, ...]:
    """The ways a Vietnamese word typed without spaces ("hanoi", "vietnam") splits into two or
    three syllables, as spaced folded phrases ("ha noi", "han oi"); none for a word that is a
    syllable itself."""
    if VI_SYLLABLE.fullmatch(folded) or not folded.isascii() or not 4 <= len(folded) <= 20:
        return ()

    def splits(rest: str, parts: int) -> list[list[str]]:
        if VI_SYLLABLE.fullmatch(rest):
            return [[rest]]
        if parts == 1:
            return []
        return [
            [rest[:i], *tail]
            for i in range(1, len(rest))
            if VI_SYLLABLE.fullmatch(rest[:i])
            for tail in splits(rest[i:], parts - 1)
        ]

    forms = sorted(splits(folded, MAX_JOINED_SYLLABLES), key=len)[:MAX_JOINED_FORMS]
    return tuple(" ".join(parts) for parts in forms)


def query_tokens(text: str, language: str) -> list[Token]:
    """Tokens of a query (already :func:`clean`), with the grams to look for in the index:
    bigrams of words of three code points or more in Lao and Khmer (a consonant and a vowel
    sign occur inside thousands of words); in Chinese, a one-character word is looked for
    with the character before it in the query (or after it), or alone when it stands alone.
    Vietnamese words typed joined also carry their spaced forms."""
    tokens = analyse(text, language)
    result = []
    for i, token in enumerate(tokens):
        grams = token.grams
        joined: tuple[str, ...] = ()
        if language in ("lo", "km") and len(token.word) < 3:
            grams = ()
        elif language == "zh-hans" and len(token.word) == 1:
            before = tokens[i - 1] if i and tokens[i - 1].end == token.start else None
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if before is not None:
                grams = (before.word[-1] + token.word,)
            elif after is not None and after.start == token.end:
                grams = (token.word + after.word[0],)
        elif language == "vi":
            joined = joined_syllables(token.folded)
        result.append(Token(token.start, token.end, token.word, token.folded, grams, joined))
    return result


def query_grams(token: Token, language: str) -> tuple[str, ...]:
    """Bigrams to look for inside longer words: none for Lao and Khmer words of fewer than three
    code points (a consonant and a vowel sign occur inside thousands of words)."""
    if language in ("lo", "km") and len(token.word) < 3:
        return ()
    return token.grams


@dataclass(frozen=True, slots=True)
class Terms:
    """The space-separated term strings a text contributes to each index field."""

    words: str
    folded: str
    grams: str


def terms(text: str, language: str) -> Terms:
    """Index terms of ``text`` per field, ready for a whitespace tokenizer in any engine."""
    segments = list(_segments(clean(text, language), language))
    grams: list[str] = []
    if language in GRAM_LANGUAGES:
        run: list[str] = []
        end = -1
        for start, stop, (word, _, _) in segments:
            if start != end and run:
                grams.extend(run_grams("".join(run)))
                run = []
            run.append(word)
            end = stop
        if run:
            grams.extend(run_grams("".join(run)))
    return Terms(
        words=" ".join(t[0] for _, _, t in segments),
        folded=" ".join(t[1] for _, _, t in segments) if language in FOLD_LANGUAGES else "",
        grams=" ".join(grams),
    )
