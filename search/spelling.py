"""Did you mean: for a query that finds nothing or very little, the closest query made of words
that occur in the reader's language and scope and that finds at least as much.

The same for every engine: the engine lists index terms near each word
(:meth:`~search.engines.base.Engine.similar_terms`), tells which words occur in the scope,
counts documents per query and gives texts where a stem's written form is found; the choice is
made here.

- A unit is a query word (Vietnamese syllable, English word), or, in Chinese, Lao and Khmer,
  a space-separated run of text. A unit is unknown when one of its words does not occur exactly
  in the reader's language and scope.
- A word is replaced by an index word near it. In a run, a typo changes the segmentation (the
  dictionary splits an unknown word into pieces), so a window of up to three of its words that
  covers every unknown one, or the whole run, is replaced by one index word near the window's
  text: the pieces are never corrected one by one.
- Candidates begin with the same letter (after folding) and are within the allowed edits after
  folding: none for two letters or fewer (Vietnamese tone and vowel marks may still change:
  "ha" → "hà"), one up to five, two beyond; windows of three Chinese characters or more, or
  four Lao or Khmer code points or more, one edit; shorter ones are never corrected. They rank
  by folded distance, then exact distance (the properly accented form first), then likeness to
  what was typed, then document frequency in the index.
- Chinese, when no index word is near: one character of a run of three or more replaced so
  that the run's bigrams around it occur in the scope (the index holds the bigrams of every
  unspaced run: "还剑糊" → "还剑湖", which the dictionary splits into three words) and the
  whole new run occurs in a document of the scope (up to :data:`MAX_CHARACTER_CHECKS` looked
  for). The first character, which has only the bigram after it to agree with and which the
  engines' near-term lookup keeps, is replaced by the characters written before the rest of
  the run in the scope's documents that contain it ("涂书馆" → "图书馆").
- English words are compared as written, not as stems ("incubaton" → "incubator"; the stems
  "incubaton" and "incub" are far apart), from the fields that hold the written words.
- At most :data:`MAX_CHECKS` combinations are counted; the first that finds at least as many
  documents as the query (and at least one) is suggested. Vietnamese syllables must then occur
  in that order in a document (a title or text), so a suggestion is a phrase of the index and
  never syllables from different places ("ha noi" never becomes "hạ nối"). A Vietnamese query
  whose unknown words are all typed without marks and occur in that folded form gets no
  suggestion: it already finds what it means ("ha noi" finds Hà Nội).

:func:`search` runs the reader's query and, when it finds at most :data:`FEW_RESULTS` documents
and the suggestion finds more, shows the suggestion's results instead ("Showing results for
…; search instead for …"), as mature search engines do: a misspelt Chinese word otherwise finds
nothing at all, because its character pairs match nowhere. Not when the query as typed finds
more outside the reader's channel and filters: it is then a word of another channel.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from rapidfuzz.distance import OSA, Indel

from search import analysis
from search.documents import MAX_QUERY_TOKENS, SearchRequest, written_fields
from search.engines.base import Engine, SearchResults

#: Results at or below this number get a suggestion check.
FEW_RESULTS = 2
MAX_CHECKS = 3
CANDIDATES_PER_UNIT = 3
#: Candidates per unknown unit checked for presence in the scope, best ranked first.
MAX_CANDIDATES = 10
#: Letters that fold to the same letter (not only the same letter with other marks).
FIRST_LETTER_VARIANTS = {"d": "đ", "đ": "d"}
#: Shortest run (code points) that may be corrected, per language written without spaces.
MIN_RUN = {"zh-hans": 3, "lo": 4, "km": 4}
#: Languages whose query words are syllables: a suggestion's words must occur in order.
IN_ORDER = frozenset({"vi"})
#: Chinese runs with one character replaced that are looked for in the scope, best ranked first.
MAX_CHARACTER_CHECKS = 8
#: Where the bigrams of unspaced runs are indexed.
GRAM_FIELDS = ("title_grams", "grams")


@dataclass(frozen=True)
class Suggestion:
    """A corrected query and how many documents it finds."""

    query: str
    count: int


@dataclass(frozen=True)
class Answer:
    """What a reader's query finds: the results of ``request`` (the query as typed, or the
    suggestion when ``corrected_from`` names what was typed) and a suggestion to offer."""

    request: SearchRequest
    results: SearchResults
    suggestion: Suggestion | None = None
    corrected_from: str = ""


def search(engine: Engine, request: SearchRequest, as_typed: bool = False) -> Answer:
    """``request``'s results; when they are few and the suggestion finds more, the
    suggestion's results instead (unless ``as_typed``: the reader asked for the query as
    typed)."""
    results = engine.search(request)
    suggestion = suggest(engine, request, results.total)
    if suggestion is None or as_typed or suggestion.count <= results.total:
        return Answer(request, results, suggestion)
    # A query that finds documents in the language outside the reader's scope and filters
    # means what it says: the links to the wider searches are the better answer.
    everywhere = replace(request, channel=None, filters={}, date_from=None, date_to=None, page=1)
    if everywhere != request and engine.count(everywhere) > results.total:
        return Answer(request, results, suggestion)
    corrected = replace(request, text=suggestion.query)
    return Answer(corrected, engine.search(corrected), None, request.text)


@dataclass(frozen=True)
class _Unit:
    typed: str  # as typed, case-folded (a run: its words joined)
    words: tuple[str, ...]  # index words; the unit is known when all of them occur
    windows: tuple[tuple[int, int], ...]  # slices of ``words`` that a correction may replace


@dataclass(frozen=True)
class _Option:
    words: tuple[str, ...]  # the unit's words with one window replaced by ``term``
    term: str
    rank: tuple


def _units(request: SearchRequest) -> list[_Unit]:
    language = request.language
    if language not in MIN_RUN:
        text = request.text
        # English index words are stems: the written (folded) forms are compared instead.
        written = language in analysis.FOLD_LANGUAGES and language != "vi"
        return [
            _Unit(text[t.start : t.end].casefold(), (t.folded if written else t.word,), ((0, 1),))
            for t in request.tokens
        ]
    units = []
    for run in request.text.split()[:MAX_QUERY_TOKENS]:
        words = tuple(t.word for t in analysis.analyse(run, language))[:MAX_QUERY_TOKENS]
        n = len(words)
        windows = {(i, j) for i in range(n) for j in range(i + 1, min(i + 3, n) + 1)}
        windows = {
            (i, j) for i, j in windows | {(0, n)} if len("".join(words[i:j])) >= MIN_RUN[language]
        }
        if words:
            units.append(_Unit("".join(words), words, tuple(sorted(windows))))
    return units


def _max_edits(text: str, language: str) -> int:
    """Edits allowed after folding."""
    if language in MIN_RUN:
        return 1
    length = len(analysis.fold(text))
    return 0 if length <= 2 else 1 if length <= 5 else 2


def _exact_edits(text: str, language: str) -> int:
    """Edits allowed before folding: where words are folded, marks count too ("ha" → "hạ" is
    one; English text holds Vietnamese names)."""
    return 2 if language in analysis.FOLD_LANGUAGES else _max_edits(text, language)


def _similar_terms(engine: Engine, texts: set[str], language: str) -> dict[str, dict[str, int]]:
    """Index terms near each text. Two-edit candidates keep the first character, so a text that
    begins with d is also looked up with đ, and the other way round ("den" → "đến")."""
    asked = {}
    for text in sorted(texts):
        edits = _exact_edits(text, language)
        if edits:
            asked[text] = edits
            if language in analysis.FOLD_LANGUAGES and text[:1] in FIRST_LETTER_VARIANTS:
                asked[FIRST_LETTER_VARIANTS[text[0]] + text[1:]] = edits
    found = engine.similar_terms(asked, written_fields(language))
    near = {}
    for text in texts:
        terms = dict(found.get(text, {}))
        if text[:1] in FIRST_LETTER_VARIANTS:
            variant = FIRST_LETTER_VARIANTS[text[0]] + text[1:]
            terms.update(found.get(variant, {}))
            terms.pop(text, None)
        near[text] = terms
    return near


def _near(text: str, language: str, terms: dict[str, int]) -> list[str]:
    edits = _max_edits(text, language)
    folded = analysis.fold(text)
    return [
        term
        for term in terms
        if analysis.fold(term)[:1] == folded[:1]
        and OSA.distance(analysis.fold(term), folded, score_cutoff=edits) <= edits
    ]


def _rank(text: str, typed: str, term: str, frequency: int) -> tuple:
    return (
        OSA.distance(analysis.fold(term), analysis.fold(text)),
        OSA.distance(term, text),
        -Indel.normalized_similarity(term, typed),
        -frequency,
    )


def _options(unit: _Unit, language: str, near: dict, present: set[str]) -> list[_Option]:
    """Corrections of an unknown unit, best first: each window that covers its words missing
    from ``present``, replaced by an index word near the window's text."""
    options = []
    for i, j in _covering(unit, present):
        text = "".join(unit.words[i:j])
        frequency = near.get(text, {})
        for term in _near(text, language, frequency):
            words = (*unit.words[:i], term, *unit.words[j:])
            options.append(_Option(words, term, _rank(text, unit.typed, term, frequency[term])))
    return sorted(options, key=lambda option: option.rank)


def _covering(unit: _Unit, present: set[str]) -> list[tuple[int, int]]:
    """The unit's windows that cover every word of it missing from ``present`` (the whole
    run when each of its words occurs, but not together)."""
    unknown = [k for k, word in enumerate(unit.words) if word not in present]
    if not unknown:
        return [(0, len(unit.words))] if (0, len(unit.words)) in unit.windows else []
    return [(i, j) for i, j in unit.windows if i <= unknown[0] and j > unknown[-1]]


def suggest(engine: Engine, request: SearchRequest, total: int) -> Suggestion | None:
    """A better query than ``request`` (which found ``total`` documents), or None."""
    if total > FEW_RESULTS:
        return None
    language = request.language
    fields = written_fields(language)
    units = _units(request)
    present = engine.words_present(request, sorted({w for u in units for w in u.words}), fields)
    unknown = [u for u in units if not all(word in present for word in u.words)]
    if language == "zh-hans":
        # A misspelt Chinese word is often split into characters that each occur somewhere
        # (and the query then finds the few documents that hold them apart).
        unknown += [u for u in units if u not in unknown and not _occurs(engine, request, u)]
    if not unknown or _found_folded(request, total, unknown):
        return None
    texts = {"".join(u.words[i:j]) for u in unknown for i, j in _covering(u, present)}
    near = _similar_terms(engine, texts, language)
    options = {u: _options(u, language, near, present)[:MAX_CANDIDATES] for u in unknown}
    terms = sorted({o.term for os in options.values() for o in os})
    found = engine.words_present(request, terms, fields)
    choices: list[list[_Option | None]] = []
    for unit in units:
        if unit not in options:
            choices.append([None])
            continue
        kept: list[_Option | None] = [option for option in options[unit] if option.term in found]
        if language == "zh-hans" and len(kept) < CANDIDATES_PER_UNIT:
            # An index word near a window may be a piece of the wrong word ("高温天" → "高温").
            kept += [o for o in _character_options(engine, request, unit) if o not in kept]
        if not kept:
            return None
        choices.append(kept[:CANDIDATES_PER_UNIT])
    combinations = sorted(itertools.product(*choices), key=_total_rank)
    joiner = "" if language in MIN_RUN else " "
    for combination in combinations[:MAX_CHECKS]:
        query = " ".join(
            joiner.join(option.words) if option else unit.typed
            for unit, option in zip(units, combination, strict=True)
        )
        in_order = language in IN_ORDER and len(units) > 1
        count = engine.count(replace(request, text=query, page=1, in_order=in_order))
        if count and count >= total:
            return Suggestion(query, count)
    return None


def _found_folded(request: SearchRequest, total: int, unknown: list[_Unit]) -> bool:
    """Whether a Vietnamese query found documents and every word of it that does not occur
    exactly was typed without marks: each matched its folded form (or, typed joined, its
    spaced syllables), so the query found what it meant with the marks left out on purpose."""
    return (
        request.language == "vi"
        and total > 0
        and all(u.typed == analysis.fold(u.typed) for u in unknown)
    )


def _character_options(engine: Engine, request: SearchRequest, unit: _Unit) -> list[_Option]:
    """A Chinese run with one character replaced so that the bigrams on both sides of it occur
    in the scope, best first."""
    typed = "".join(unit.words)
    if len(typed) < MIN_RUN["zh-hans"]:
        return []
    lefts = {typed[p - 1 : p + 1]: 1 for p in range(1, len(typed))}
    near = engine.similar_terms(lefts, GRAM_FIELDS)
    candidates = _first_character_candidates(engine, request, typed)
    for p in range(1, len(typed)):
        for gram, frequency in near.get(typed[p - 1 : p + 1], {}).items():
            if len(gram) == 2 and gram[0] == typed[p - 1] and gram[1] != typed[p]:
                candidates[typed[:p] + gram[1] + typed[p + 1 :]] = (p, frequency)
    grams = {gram for text in candidates for gram in analysis.bigrams(text)}
    present = engine.words_present(request, sorted(grams), GRAM_FIELDS)
    options = [
        _Option((text,), text, _rank(typed, unit.typed, text, frequency))
        for text, (p, frequency) in candidates.items()
        if all(gram in present for gram in analysis.bigrams(text))
    ]
    # A character replaced at the end of a run has one bigram to agree with, which many
    # characters do: keep only runs that occur whole in the scope, most likely first.
    options.sort(key=lambda option: option.rank)
    found = (o for o in options[:MAX_CHARACTER_CHECKS] if _occurs(engine, request, o.term))
    return list(itertools.islice(found, CANDIDATES_PER_UNIT))


def _first_character_candidates(
    engine: Engine, request: SearchRequest, typed: str
) -> dict[str, tuple[int, int]]:
    """Runs with the first character replaced: the characters written before the rest of the
    run in the scope's documents that contain it (the engines look up near index terms by
    their first character, so a pair whose first character is wrong has none), each with how
    often it was found there."""
    rest = typed[1:]
    results = engine.search(replace(request, text=rest, page=1, in_order=False))
    found: dict[str, int] = {}
    for hit in results.hits:
        for name in ("title", "summary", "body"):
            text = analysis.canonical(hit.get(name) or "", "zh-hans").casefold()
            at = text.find(rest, 1)
            while at > 0:
                character = text[at - 1]
                if character != typed[0] and character.isalpha() and not character.isascii():
                    found[character] = found.get(character, 0) + 1
                at = text.find(rest, at + 1)
    return {character + rest: (0, count) for character, count in found.items()}


def _occurs(engine: Engine, request: SearchRequest, run: str | _Unit) -> bool:
    """Whether ``run`` (a text or a unit's words) occurs, its words in order, in a document of
    ``request``'s scope."""
    text = run if isinstance(run, str) else "".join(run.words)
    return engine.count(replace(request, text=text, page=1, in_order=True)) > 0


def _total_rank(combination: tuple[_Option | None, ...]) -> tuple:
    return tuple(map(sum, zip(*(option.rank for option in combination if option), strict=True)))
