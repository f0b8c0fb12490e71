"""Pages elsewhere that cite a legal document (procedures name their legal basis): apps in the
layers above register a query here, and the document page lists what they return."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wagtail.models import Locale, Page

CitingPages = Callable[[Page, Locale], Iterable[Page]]
_queries: list[CitingPages] = []


def register(query: CitingPages) -> None:
    """Add a query: (the Vietnamese document, the reader's locale) → live pages citing it, in
    that locale where translated. Registering the same query twice keeps one."""
    if query not in _queries:
        _queries.append(query)


def citing(document: Page, locale: Locale) -> list[Page]:
    """Every registered query's pages citing ``document``, for readers of ``locale``."""
    return [page for query in _queries for page in query(document, locale)]
