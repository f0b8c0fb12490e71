"""Search engines behind one interface, chosen by the ``SEARCH_URL`` setting.

- ``sqlite:///path/to/search.sqlite3`` (default): the embedded engine, SQLite FTS5 inside the
  process, no server;
- ``opensearch+http://host:port`` (or ``+https``): OpenSearch through opensearch-py;
- ``elasticsearch+http://host:port`` (or ``+https``): Elasticsearch through elasticsearch-py.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings

from search.engines.base import Engine, EngineUnavailable, SearchResults


def engine_for(url: str, index_name: str | None = None) -> Engine:
    """The engine that ``url`` names (``index_name`` overrides the index of server engines)."""
    scheme = url.split(":", 1)[0]
    # Each engine is imported only when named: the server clients are optional extras.
    if scheme == "sqlite":
        from search.engines.embedded import EmbeddedEngine

        return EmbeddedEngine(url.removeprefix("sqlite://").removeprefix("/") or ":memory:")
    if scheme.startswith(("opensearch+", "elasticsearch+")):
        from search.engines.server import ServerEngine

        product, _, transport = scheme.partition("+")
        address = transport + url[len(scheme) :]
        return ServerEngine(product, address, index_name or settings.SEARCH_INDEX)
    raise ValueError(f"SEARCH_URL: unknown engine {scheme!r}")


@cache
def get_engine() -> Engine:
    """The engine configured by ``SEARCH_URL`` (one per process)."""
    return engine_for(settings.SEARCH_URL)


__all__ = ["Engine", "EngineUnavailable", "SearchResults", "engine_for", "get_engine"]
