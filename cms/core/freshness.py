"""Which editions of a source page are out of date with it: a question reader pages ask (a
translated legal document tells its readers) and the translation desk, in a layer above, answers
by registering its answer with ``register``. Without one, no edition is out of date."""

from __future__ import annotations

from collections.abc import Callable

from wagtail.models import Page

OutOfDate = Callable[[Page], set[str]]
_answers: list[OutOfDate] = []


def register(answer: OutOfDate) -> None:
    """Set the query that names the languages whose edition of a source page is out of date."""
    _answers[:] = [answer]


def out_of_date_languages(source_page: Page) -> set[str]:
    """Language codes of the editions of ``source_page`` made from an older source text."""
    return _answers[0](source_page) if _answers else set()
