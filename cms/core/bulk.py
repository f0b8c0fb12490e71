"""Bulk changes: one operation that changes thousands of pages (a portal reorganisation).

Page signals normally do their follow-up work per page: purge the page's URLs from the readers'
caches, start the search queue, update Wagtail's own search index (``cms.core.admin_search``).
Inside ``bulk_change()`` the receivers instead hand what they would do to the change
(``collect``), which does it once, when the operation ends (also when it stops half-way, for the
part that was done). Durable work (the search queue's rows) still happens
per page, in the page's own transaction, so an interrupted operation loses nothing.

On SQLite, a bulk change also adds an index for the length of the change: Wagtail and treebeard
find a page's subtree with ``path LIKE 'prefix%'`` (moving a page, renaming its descendants'
addresses, queueing them for search), which SQLite can serve from an index only when the index
compares case-insensitively, as its ``LIKE`` does. Without it every page moved reads the whole
page table, and a reorganisation's time grows with the square of the archive. The index is
dropped at the end because readers' listings, which read large parts of a site, are faster
without it. PostgreSQL has a pattern index on the path already.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connection

Finisher = Callable[[set[Any]], None]


class BulkChange:
    """Follow-up work collected during a bulk change, done once at its end."""

    def __init__(self) -> None:
        self._collected: dict[Finisher, set[Any]] = {}

    def collect(self, finisher: Finisher, items: Iterable[Any]) -> None:
        """At the end, call ``finisher`` once with every item collected for it."""
        self._collected.setdefault(finisher, set()).update(items)

    def finish(self) -> None:
        collected, self._collected = self._collected, {}
        for finisher, items in collected.items():
            finisher(items)


_current: ContextVar[BulkChange | None] = ContextVar("bulk_change", default=None)


def current() -> BulkChange | None:
    """The bulk change under way in this context, if any."""
    return _current.get()


SUBTREE_INDEX = "bulk_page_subtrees"


def _subtree_index(present: bool) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if present:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {SUBTREE_INDEX} "
                "ON wagtailcore_page (path COLLATE NOCASE)"
            )
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {SUBTREE_INDEX}")


@contextmanager
def bulk_change() -> Iterator[BulkChange]:
    """Page signals received inside defer their follow-up work to the end of the block."""
    change = BulkChange()
    token = _current.set(change)
    _subtree_index(present=True)
    try:
        yield change
    finally:
        _current.reset(token)
        try:
            change.finish()
        finally:
            _subtree_index(present=False)
