"""The embedded engine: SQLite FTS5 in its own database file, inside the process.

FTS5 only splits the pre-analysed terms on whitespace (``unicode61`` with every letter, mark,
number, punctuation and symbol category kept, diacritics kept), so FTS5's own word rules never
shatter Lao or Khmer words. Ranking is FTS5's BM25 with the field weights of
:data:`search.documents.WEIGHTS`; facets are ``GROUP BY`` counts over the matching rows.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from search.documents import (
    FACETS,
    WEIGHTS,
    PageDocument,
    SearchRequest,
    index_metadata,
    phrases,
)
from search.engines.base import Engine, EngineUnavailable, SearchResults

TEXT_FIELDS = tuple(WEIGHTS)
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Co Cn'"
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, language TEXT NOT NULL,
    channel TEXT, district TEXT, content_type TEXT, date TEXT, year TEXT,
    fingerprint TEXT, source TEXT NOT NULL);
CREATE INDEX documents_language ON documents (language, channel);
CREATE TABLE topics (rowid INTEGER NOT NULL, topic TEXT NOT NULL);
CREATE INDEX topics_rowid ON topics (rowid);
CREATE VIRTUAL TABLE terms USING fts5({", ".join(TEXT_FIELDS)}, tokenize="{TOKENIZER}");
"""
COLUMNS = ("language", "channel", "district", "content_type", "date", "year", "fingerprint")


def _phrase(terms: str) -> str:
    return '"' + terms.replace('"', '""') + '"'


def match_expression(request: SearchRequest) -> str | None:
    """An FTS5 MATCH expression: every query word in any field (bigrams as a phrase)."""
    clauses = []
    for token in request.tokens:
        alternatives = [
            f"title_words : {_phrase(token.word)}",
            f"words : {_phrase(token.word)}",
            f"title_folded : {_phrase(token.folded)}",
            f"folded : {_phrase(token.folded)}",
        ]
        if token.grams:
            alternatives.append(f"grams : {_phrase(' '.join(token.grams))}")
        clauses.append("(" + " OR ".join(alternatives) + ")")
    if not clauses:
        return None
    # A phrase match implies every word matched, so OR-ing it keeps the same rows and only
    # adds to their BM25 score.
    extra = [f"{field} : {_phrase(text)}" for field, text in phrases(request).items()]
    return " OR ".join(["(" + " AND ".join(clauses) + ")", *extra])


class EmbeddedEngine(Engine):
    """SQLite FTS5 at ``path`` (``:memory:`` for a private in-memory index)."""

    name = "embedded"

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._shared = (
            sqlite3.connect(path, check_same_thread=False) if path == ":memory:" else None
        )

    @property
    def connection(self) -> sqlite3.Connection:
        if self._shared is not None:
            return self._shared
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=10)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            with self.connection as connection:
                yield connection
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error

    def reset(self) -> None:
        with self._transaction() as db:
            for table in ("terms", "topics", "documents", "meta"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.executescript(SCHEMA)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [(key, json.dumps(value)) for key, value in index_metadata().items()],
            )

    def metadata(self) -> dict | None:
        try:
            rows = self.connection.execute("SELECT key, value FROM meta").fetchall()
        except sqlite3.OperationalError:
            return None
        return {key: json.loads(value) for key, value in rows}

    def index(self, documents: list[PageDocument]) -> None:
        with self._transaction() as db:
            self._delete(db, [doc.meta.id for doc in documents])
            for doc in documents:
                data = doc.to_dict()
                source = {k: v for k, v in data.items() if k not in TEXT_FIELDS}
                source["date"] = data["date"].isoformat() if data.get("date") else None
                cursor = db.execute(
                    f"INSERT INTO documents (id, {', '.join(COLUMNS)}, source)"
                    f" VALUES (?, {', '.join('?' * len(COLUMNS))}, ?)",
                    (doc.meta.id, *(source.get(c) for c in COLUMNS), json.dumps(source)),
                )
                rowid = cursor.lastrowid
                db.executemany(
                    "INSERT INTO topics VALUES (?, ?)", [(rowid, t) for t in data.get("topics", [])]
                )
                db.execute(
                    f"INSERT INTO terms (rowid, {', '.join(TEXT_FIELDS)})"
                    f" VALUES (?, {', '.join('?' * len(TEXT_FIELDS))})",
                    (rowid, *(data.get(f, "") for f in TEXT_FIELDS)),
                )

    def _delete(self, db: sqlite3.Connection, ids: list[str]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rowids = f"SELECT rowid FROM documents WHERE id IN ({marks})"
            db.execute(f"DELETE FROM terms WHERE rowid IN ({rowids})", chunk)
            db.execute(f"DELETE FROM topics WHERE rowid IN ({rowids})", chunk)
            db.execute(f"DELETE FROM documents WHERE id IN ({marks})", chunk)

    def delete(self, ids: list[str]) -> None:
        with self._transaction() as db:
            self._delete(db, ids)

    def fingerprints(self) -> dict[str, str]:
        rows = self.connection.execute("SELECT id, fingerprint FROM documents").fetchall()
        return dict(rows)

    def _where(self, request: SearchRequest) -> tuple[str, list]:
        clauses, params = ["d.language = ?"], [request.language]
        if request.channel:
            clauses.append("d.channel = ?")
            params.append(request.channel)
        for name, values in request.filters.items():
            if not values:
                continue
            marks = ", ".join("?" * len(values))
            if name == "topics":
                clauses.append(f"d.rowid IN (SELECT rowid FROM topics WHERE topic IN ({marks}))")
            else:
                clauses.append(f"d.{name} IN ({marks})")
            params.extend(values)
        if request.date_from:
            clauses.append("substr(d.date, 1, 10) >= ?")
            params.append(request.date_from.isoformat())
        if request.date_to:
            clauses.append("substr(d.date, 1, 10) <= ?")
            params.append(request.date_to.isoformat())
        return " AND ".join(clauses), params

    def search(self, request: SearchRequest) -> SearchResults:
        expression = match_expression(request)
        if expression is None:
            return SearchResults(total=0, hits=[])
        where, params = self._where(request)
        matching = (
            f"FROM terms JOIN documents d ON d.rowid = terms.rowid WHERE terms MATCH ? AND {where}"
        )
        params = [expression, *params]
        weights = ", ".join(str(w) for w in WEIGHTS.values())
        try:
            db = self.connection
            total = db.execute(f"SELECT count(*) {matching}", params).fetchone()[0]
            rows = db.execute(
                f"SELECT d.id, d.source, -bm25(terms, {weights}) AS score {matching}"
                " ORDER BY score DESC, d.date DESC LIMIT ? OFFSET ?",
                [*params, request.page_size, request.offset],
            ).fetchall()
            facets = {name: self._facet(name, matching, params) for name in FACETS}
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error
        hits = [{**json.loads(source), "id": id_, "score": score} for id_, source, score in rows]
        return SearchResults(total=total, hits=hits, facets=facets)

    def _facet(self, name: str, matching: str, params: list) -> list[tuple[str, int]]:
        if name == "topics":
            sql = (
                "SELECT t.topic, count(*) AS n FROM topics t WHERE t.rowid IN"
                f" (SELECT d.rowid {matching}) GROUP BY t.topic"
            )
        else:
            sql = f"SELECT d.{name}, count(*) AS n {matching} AND d.{name} != '' GROUP BY d.{name}"
        rows = self.connection.execute(f"{sql} ORDER BY n DESC, 1 LIMIT 50", params).fetchall()
        return [(value, count) for value, count in rows if value]
