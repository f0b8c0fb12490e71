"""The search engine in the readiness report (``cms.core.health``)."""

from __future__ import annotations

from cms.core import health
from search.engines import get_engine


def search_engine() -> str:
    """``ok`` when the engine answers and the index exists."""
    return "ok" if get_engine().metadata() is not None else "no index: run search_index rebuild"


health.register_check("search engine", search_engine)
