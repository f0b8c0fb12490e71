"""Search fixtures: every available engine for the conformance suite, and the configured
engine (embedded, in a temporary file) for the integration tests."""

from __future__ import annotations

import os

import pytest

SERVER_ENGINES = {"opensearch": "OPENSEARCH_URL", "elasticsearch": "ELASTICSEARCH_URL"}


def engine_names() -> list[str]:
    """The embedded engine and OpenSearch always (OpenSearch skips without a server, and fails
    under CI=true); Elasticsearch whenever ELASTICSEARCH_URL is set."""
    names = ["embedded", "opensearch"]
    if os.environ.get("ELASTICSEARCH_URL"):
        names.append("elasticsearch")
    return names


def skip_unless_ci(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"must run under CI=true: {reason}")
    pytest.skip(reason)


@pytest.fixture(params=engine_names())
def any_engine(request, tmp_path):
    """An empty index in one engine (each test runs once per engine). SEARCH_TEST_INDEX names
    the server index, so two checkouts can share one node."""
    from search.engines import engine_for

    if request.param == "embedded":
        engine = engine_for(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    else:
        variable = SERVER_ENGINES[request.param]
        url = os.environ.get(variable)
        if not url:
            skip_unless_ci(
                f"{request.param} is not running: set {variable}=http://127.0.0.1:<port> "
                "(.ci/run starts OpenSearch from Maven Central artifacts; needs Java 17)"
            )
        index = os.environ.get("SEARCH_TEST_INDEX", "cms-conformance")
        engine = engine_for(f"{request.param}+{url}", index)
    engine.reset()
    return engine
