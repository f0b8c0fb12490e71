"""Bulk changes: one operation that changes thousands of pages (a portal reorganisation).

Page signals normally do their follow-up work per page: purge the page's URLs from the readers'
caches, start the search queue. Inside ``bulk_change()`` the receivers instead hand what they
would do to the change (``collect``), which does it once, when the operation ends (also when it
stops half-way, for the part that was done). Durable work (the search queue's rows) still happens
per page, in the page's own transaction, so an interrupted operation loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

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


@contextmanager
def bulk_change() -> Iterator[BulkChange]:
    """Page signals received inside defer their follow-up work to the end of the block."""
    change = BulkChange()
    token = _current.set(change)
    try:
        yield change
    finally:
        _current.reset(token)
        change.finish()
