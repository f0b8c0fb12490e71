"""Data made once for all the tests of a module, when making it takes seconds and the tests
only read it or change it inside their own transaction.

A module-scoped fixture opens ``module_transaction`` and yields inside it; every test then
runs in a savepoint of that transaction (pytest-django nests each test's atomic block), so
what a test changes is undone after it, and the module's data is undone after its last test.
Tests of the module that must not see the data belong in another module: the data stays from
the first test that asks for it to the module's end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.test import override_settings

if TYPE_CHECKING:
    from search.engines import Engine


@contextmanager
def module_transaction(django_db_blocker) -> Iterator[None]:
    """A transaction open while the block runs, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def search_url(path: Path) -> str:
    """The configured engine, embedded in the file at ``path``."""
    return f"sqlite:///{path}"


@contextmanager
def search_index(url: str, reset: bool = False) -> Iterator[Engine]:
    """The reader search engine at ``url`` while the block runs (emptied first when ``reset``);
    yields the engine."""
    from search.engines import get_engine

    with override_settings(SEARCH_URL=url):
        get_engine.cache_clear()
        try:
            engine = get_engine()
            if reset:
                engine.reset()
            yield engine
        finally:
            get_engine.cache_clear()
