"""search_index rebuild replaces the index while readers keep searching the old one; check
rebuilds an index built with other analysis (or, without repair, refuses it); search_relevance
reports recall@10, MRR and precision@10 per language, engine and kind of query."""

from __future__ import annotations

import io
import json
import os
import re

import pytest
from django.core.management import CommandError, call_command

from search.documents import PageDocument, SearchRequest, index_metadata
from search.engines import get_engine
from tests.cms.helpers import article
from tests.search.conftest import SERVER_ENGINES, engine_names, skip_unless_ci

pytestmark = pytest.mark.django_db


@pytest.fixture(params=engine_names())
def configured_engine(request, settings, tmp_path):
    """The site's engine (SEARCH_URL), once per engine, empty."""
    if request.param == "embedded":
        settings.SEARCH_URL = f"sqlite:///{tmp_path / 'search.sqlite3'}"
    else:
        url = os.environ.get(SERVER_ENGINES[request.param])
        if not url:
            skip_unless_ci(f"{request.param} is not running: set {SERVER_ENGINES[request.param]}")
        settings.SEARCH_URL = f"{request.param}+{url}"
        settings.SEARCH_INDEX = os.environ.get("SEARCH_TEST_INDEX", "cms-conformance")
    get_engine.cache_clear()
    engine = get_engine()
    engine.reset()
    yield engine
    get_engine.cache_clear()


def articles(hits) -> list[str]:
    """The titles of the article hits: the provisioned info pages match common words too."""
    return sorted(hit["title"] for hit in hits if hit["content_type"] == "articlepage")


class SearchingOutput(io.StringIO):
    """Command output that searches the live index whenever the command writes progress."""

    def __init__(self, engine, query: str) -> None:
        super().__init__()
        self.engine, self.query, self.seen = engine, query, []

    def write(self, text: str) -> int:
        if text.startswith("\r["):
            hits = self.engine.search(SearchRequest(self.query, "vi")).hits
            self.seen.append(articles(hits))
        return super().write(text)


def test_rebuild_shows_progress_while_readers_still_search_the_old_index(
    configured_engine, section
):
    article(section, title="Nhà hát Lớn")
    first = io.StringIO()
    call_command("search_index", "rebuild", stdout=first)
    before = int(re.search(r"Indexed (\d+) pages", first.getvalue()).group(1))
    article(section, title="Nhà hát Tuổi trẻ")  # published outside on_commit: not indexed yet

    output = SearchingOutput(configured_engine, "nhà hát")
    call_command("search_index", "rebuild", stdout=output)

    assert output.seen and all(seen == ["Nhà hát Lớn"] for seen in output.seen)  # the old index
    assert re.search(r"\r\[#{30}\] (\d+)/\1\n", output.getvalue())  # a full progress bar
    assert f"Indexed {before + 1} pages" in output.getvalue()  # the info pages and both articles
    hits = configured_engine.search(SearchRequest("nhà hát", "vi")).hits
    assert articles(hits) == ["Nhà hát Lớn", "Nhà hát Tuổi trẻ"]


def test_check_without_repair_reports_drift(search_engine, section, capsys):
    article(section, title="Nhà hát Lớn")  # published outside on_commit: never indexed
    with pytest.raises(CommandError, match="drifted"):
        call_command("search_index", "check", "--no-repair")
    assert "1 missing" in capsys.readouterr().out


def test_check_without_repair_refuses_an_index_built_with_another_icu(search_engine):
    search_engine.connection.execute(
        "UPDATE meta SET value = ? WHERE key = 'icu_version'", [json.dumps("72.1")]
    )
    search_engine.connection.commit()
    with pytest.raises(CommandError, match="rebuild"):
        call_command("search_index", "check", "--no-repair")


def test_check_rebuilds_an_index_built_with_older_analysis(configured_engine, section):
    article(section, title="Khai trương phố đi bộ Hà Nội")
    old = PageDocument.build(  # what the older analysis left: a page gone, other terms
        page_id=999_999, title="Hà Nội", summary="", body="", language="vi", channel="x",
        district="", section="", topics=[], content_type="articlepage", date=None, url="/",
        image="", translation_key="k", fingerprint="f",
    )  # fmt: skip
    with configured_engine.replacement() as stale:
        stale.index([old], wait=False)
    if configured_engine.name == "embedded":
        configured_engine.connection.execute(
            "UPDATE meta SET value = '1' WHERE key = 'analysis_version'"
        )
        configured_engine.connection.commit()
    else:
        body = {"_meta": {**index_metadata(), "analysis_version": 1}}
        configured_engine.client.indices.put_mapping(index=configured_engine.index_name, body=body)
    assert configured_engine.metadata()["analysis_version"] == 1

    output = io.StringIO()
    call_command("search_index", "check", stdout=output)

    assert "rebuilding it" in output.getvalue()
    assert configured_engine.metadata() == index_metadata()
    hits = configured_engine.search(SearchRequest("hanoi", "vi")).hits  # joined: new analysis
    assert articles(hits) == ["Khai trương phố đi bộ Hà Nội"]  # the stale "Hà Nội" is gone


def test_check_brings_an_embedded_index_of_the_first_layout_up_to_date(search_engine, section):
    article(section, title="Nhà hát Lớn")
    call_command("search_index", "rebuild", verbosity=0)
    db = search_engine.connection  # back to the first layout: display text inside documents
    db.execute("ALTER TABLE documents ADD COLUMN source TEXT")
    db.execute(
        "UPDATE documents SET source = (SELECT source FROM sources WHERE rowid = documents.rowid)"
    )
    db.execute("DROP TABLE sources")
    db.execute("ALTER TABLE documents DROP COLUMN also_on")
    db.execute("DELETE FROM meta WHERE key = 'schema'")
    db.commit()

    call_command("search_index", "check", "--no-repair")

    hits = search_engine.search(SearchRequest("nhà hát", "vi")).hits
    assert [hit["title"] for hit in hits] == ["Nhà hát Lớn"]


def test_check_brings_an_embedded_index_of_the_second_layout_up_to_date(search_engine, section):
    article(section, title="Nhà hát Lớn")
    call_command("search_index", "rebuild", verbosity=0)
    db = search_engine.connection  # back to the second layout: no other sites per document
    db.execute("ALTER TABLE documents DROP COLUMN also_on")
    db.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    db.commit()

    call_command("search_index", "check", "--no-repair")

    request = SearchRequest("nhà hát", "vi", channel="hanoimoi")
    assert [hit["title"] for hit in search_engine.search(request).hits] == ["Nhà hát Lớn"]
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("3",)


def test_relevance_command_reports_every_language_and_kind(capsys):
    # The embedded engine only: OpenSearch's relevance is checked by the conformance suite, and
    # the report's rows do not depend on the engine.
    call_command("search_relevance", url=["sqlite://"])
    out = capsys.readouterr().out
    assert "| recall@10 | MRR | precision@10 |" in out
    for language in ("vi", "en", "zh-hans", "lo", "km"):
        assert f"| embedded | {language} | all |" in out
        assert f"| embedded | {language} | title |" in out
    for language, kind in [("vi", "joined"), ("zh-hans", "traditional"), ("lo", "variant")]:
        assert f"| embedded | {language} | {kind} |" in out
