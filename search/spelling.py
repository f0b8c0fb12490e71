"""Did you mean: for a query that finds nothing or very little, the closest query made of words
that occur in the reader's language and scope and that finds at least as much.

The same for every engine: the engine lists index terms near each word
(:meth:`~search.engines.base.Engine.similar_terms`), tells which words occur in the scope,
counts documents per query and gives texts where a stem's written form is found; the choice is
made here.

- A unit is a query word (Vietnamese syllable, English word), or, in Chinese, Lao and Khmer,
  a space-separated run of text taken whole (a typo changes how the run is segmented, so its
  pieces are not corrected one by one). A unit is unknown when one of its words does not occur
  exactly in the reader's language and scope.
- Candidates begin with the same letter (after folding) and are within the allowed edits of the
  unit after folding: none for two letters or fewer (Vietnamese tone and vowel marks may still
  change: "ha" → "hà"), one up to five, two beyond; Chinese runs of three characters or more,
  and Lao and Khmer runs of four code points or more, one edit; shorter ones are never
  corrected. They rank by folded distance, then exact distance (the properly accented form
  first), then likeness to what was typed, then document frequency in the index.
- At most :data:`MAX_CHECKS` combinations are counted; the first that finds at least as many
  documents as the query (and at least one) is suggested, spelled as in the documents
  (the English index holds stems: "gover" → "government" from a document that contains it).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from rapidfuzz.distance import OSA, Indel

from search import analysis
from search.documents import MAX_QUERY_TOKENS, SearchRequest
from search.engines.base import Engine

#: Results at or below this number get a suggestion check.
FEW_RESULTS = 2
MAX_CHECKS = 3
CANDIDATES_PER_UNIT = 3
#: Shortest run (code points) that may be corrected, per language written without spaces.
MIN_RUN = {"zh-hans": 3, "lo": 4, "km": 4}


@dataclass(frozen=True)
class Suggestion:
    """A corrected query and how many documents it finds."""

    query: str
    count: int


@dataclass
class _Unit:
    typed: str  # as typed, case-folded
    term: str  # the index term (stem, normalised spelling, or the words of a run joined)
    words: tuple[str, ...]  # index words that must occur for the unit to be known
    corrected: bool = False


@dataclass(frozen=True)
class _Candidate:
    term: str
    rank: tuple


def _units(request: SearchRequest) -> list[_Unit]:
    language = request.language
    if language not in analysis.GRAM_LANGUAGES:
        text = request.text
        return [_Unit(text[t.start : t.end].casefold(), t.word, (t.word,)) for t in request.tokens]
    units = []
    for run in request.text.split()[:MAX_QUERY_TOKENS]:
        words = tuple(t.word for t in analysis.analyse(run, language))
        if words:
            units.append(_Unit("".join(words), "".join(words), words))
    return units


def _max_edits(unit: _Unit, language: str) -> int | None:
    """Edits allowed after folding (``None``: never corrected)."""
    length = len(analysis.fold(unit.term))
    if language in MIN_RUN:
        return 1 if length >= MIN_RUN[language] else None
    return 0 if length <= 2 else 1 if length <= 5 else 2


def _candidates(unit: _Unit, language: str, near: dict[str, int]) -> list[str]:
    edits = _max_edits(unit, language)
    if edits is None:
        return []
    folded = analysis.fold(unit.term)
    return [
        term
        for term in near
        if analysis.fold(term)[:1] == folded[:1]
        and OSA.distance(analysis.fold(term), folded, score_cutoff=edits) <= edits
    ]


def _rank(unit: _Unit, term: str) -> tuple:
    return (
        OSA.distance(analysis.fold(term), analysis.fold(unit.term)),
        OSA.distance(term, unit.term),
        -Indel.normalized_similarity(term, unit.typed),
    )


def suggest(engine: Engine, request: SearchRequest, total: int) -> Suggestion | None:
    """A better query than ``request`` (which found ``total`` documents), or None."""
    if total > FEW_RESULTS:
        return None
    language = request.language
    units = _units(request)
    near = engine.similar_terms(sorted({u.term for u in units}))
    terms = {u.term: _candidates(u, language, near.get(u.term, {})) for u in units}
    asked = {w for u in units for w in u.words} | {t for ts in terms.values() for t in ts}
    present = engine.words_present(request, sorted(asked))
    unknown = [u for u in units if not all(w in present for w in u.words)]
    if not unknown:
        return None
    options: list[list[_Candidate | None]] = []
    for unit in units:
        if unit not in unknown:
            options.append([None])
            continue
        frequency = near[unit.term]
        found = [
            _Candidate(term, (*_rank(unit, term), -frequency[term]))
            for term in terms[unit.term]
            if term in present
        ]
        if not found:
            return None
        options.append(sorted(found, key=lambda c: c.rank)[:CANDIDATES_PER_UNIT])
    combinations = sorted(itertools.product(*options), key=_total_rank)
    at_least = max(total, 1)
    for combination in combinations[:MAX_CHECKS]:
        corrected = replace(request, text=_query(units, combination), page=1)
        if engine.count(corrected, limit=at_least) >= at_least:
            spelled = _spelled(engine, request, units, combination)
            return Suggestion(spelled, engine.count(corrected))
    return None


def _total_rank(combination: tuple[_Candidate | None, ...]) -> tuple:
    return tuple(map(sum, zip(*(c.rank for c in combination if c), strict=True)))


def _query(units: list[_Unit], combination: tuple[_Candidate | None, ...]) -> str:
    return " ".join(c.term if c else u.typed for u, c in zip(units, combination, strict=True))


def _spelled(
    engine: Engine,
    request: SearchRequest,
    units: list[_Unit],
    combination: tuple[_Candidate | None, ...],
) -> str:
    """The query with each corrected term written as the documents write it (closest to what
    was typed), lower case."""
    words = []
    for unit, candidate in zip(units, combination, strict=True):
        if candidate is None:
            words.append(unit.typed)
            continue
        forms = {
            text[t.start : t.end].casefold()
            for text in engine.texts_with_word(request, candidate.term)
            for t in analysis.analyse(analysis.clean(text, request.language), request.language)
            if t.word == candidate.term
        }
        words.append(
            min(forms, key=lambda f: (OSA.distance(f, unit.typed), f), default=candidate.term)
        )
    return " ".join(words)
