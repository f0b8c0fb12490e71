"""What every engine offers."""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from search.documents import EXACT_FIELDS, PageDocument, SearchRequest


class EngineUnavailable(Exception):
    """The engine cannot be reached or refused the request; the caller retries later."""


@dataclass
class SearchResults:
    """One page of hits (document sources with ``id`` and ``score``), the total and facets."""

    total: int
    hits: list[dict]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class Engine(ABC):
    """An index of :class:`~search.documents.PageDocument` with search, bulk update and a
    listing of what it holds (for drift checks)."""

    name: str

    @abstractmethod
    def reset(self) -> None:
        """Drop the index and create it empty with the current mapping and metadata."""

    @abstractmethod
    def replacement(self) -> AbstractContextManager[Engine]:
        """A new, empty index to fill (``with engine.replacement() as new: new.index(…)``); when
        the block ends it atomically replaces this engine's index, which stays searchable until
        then. If the block fails, the new index is dropped and the old one kept."""

    @abstractmethod
    def metadata(self) -> dict | None:
        """The analysis metadata the index was created with (None if there is no index)."""

    @abstractmethod
    def index(self, documents: list[PageDocument], wait: bool = True) -> None:
        """Add or replace ``documents``; searchable on return unless ``wait`` is False (bulk
        loads then call :meth:`flush` once)."""

    def flush(self) -> None:  # noqa: B027 (the embedded engine has nothing to flush)
        """Make everything indexed so far searchable."""

    @abstractmethod
    def delete(self, ids: list[str]) -> None:
        """Remove documents by id (unknown ids are ignored)."""

    @abstractmethod
    def fingerprints(self) -> dict[str, str]:
        """Every document id with its fingerprint (the page revision it was built from)."""

    @abstractmethod
    def search(self, request: SearchRequest) -> SearchResults:
        """Hits for ``request``, best first, with facet counts."""

    def ensure_index(self) -> None:
        """Create the index if it does not exist."""
        if self.metadata() is None:
            self.reset()

    # Spelling suggestions ("did you mean", search.spelling): what the engines provide.

    @abstractmethod
    def similar_terms(
        self, words: dict[str, int], fields: tuple[str, ...] = EXACT_FIELDS
    ) -> dict[str, dict[str, int]]:
        """Per word: index terms of ``fields`` (by default the exact-word fields
        ``title_words`` and ``words``; any language) other than the word, within as many edits
        of it as ``words`` gives (at most 2), with their document frequency: those one edit
        away that begin with the same letter after folding, and those two edits away that
        begin with the same character (Lucene's DirectSpellChecker rule).
        :mod:`search.spelling` narrows the list further."""

    @abstractmethod
    def words_present(
        self, request: SearchRequest, words: list[str], fields: tuple[str, ...] = EXACT_FIELDS
    ) -> set[str]:
        """Those of ``words`` that some document of ``request``'s language, scope and filters
        contains exactly in one of ``fields`` (``request.text`` is ignored)."""

    @abstractmethod
    def count(self, request: SearchRequest) -> int:
        """How many documents :meth:`search` would find for ``request`` (no hits, no facets)."""
