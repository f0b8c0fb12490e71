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
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.analysis import fold
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
    channel TEXT, district TEXT, content_type TEXT, date TEXT, year TEXT, topics TEXT,
    fingerprint TEXT, source TEXT NOT NULL);
CREATE VIRTUAL TABLE terms USING fts5({", ".join(TEXT_FIELDS)}, tokenize="{TOKENIZER}");
"""
COLUMNS = (
    "language",
    "channel",
    "district",
    "content_type",
    "date",
    "year",
    "topics",
    "fingerprint",
)
FACET_COLUMNS = {name: 2 + i for i, name in enumerate(FACETS)}
#: A changed index goes on using the spelling vocabulary read before the change for this many
#: times as long as reading it took (instantly on a small index; ~40 s at 100,000 documents).
VOCABULARY_REUSE = 100


def _phrase(terms: str) -> str:
    return '"' + terms.replace('"', '""') + '"'


def match_expression(request: SearchRequest) -> str | None:
    """An FTS5 MATCH expression: every query word in any field (bigrams as a phrase)."""
    clauses = []
    for token in request.tokens:
        # One column filter per distinct term: FTS5 walks each term's list once.
        if token.folded == token.word:
            columns = "{title_words words title_folded folded}"
            alternatives = [f"{columns} : {_phrase(token.word)}"]
        else:
            alternatives = [
                f"{{title_words words}} : {_phrase(token.word)}",
                f"{{title_folded folded}} : {_phrase(token.folded)}",
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
            for table in ("terms", "documents", "meta"):
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

    def index(self, documents: list[PageDocument], wait: bool = True) -> None:
        with self._transaction() as db:
            self._delete(db, [doc.meta.id for doc in documents])
            for doc in documents:
                data = doc.to_dict()
                source = {k: v for k, v in data.items() if k not in TEXT_FIELDS}
                source["date"] = data["date"].isoformat() if data.get("date") else None
                columns = {**source, "topics": " ".join(data.get("topics", []))}
                cursor = db.execute(
                    f"INSERT INTO documents (id, {', '.join(COLUMNS)}, source)"
                    f" VALUES (?, {', '.join('?' * len(COLUMNS))}, ?)",
                    (doc.meta.id, *(columns.get(c) for c in COLUMNS), json.dumps(source)),
                )
                rowid = cursor.lastrowid
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
            if name == "topics":
                either = " OR ".join("instr(' ' || d.topics || ' ', ?)" for _ in values)
                clauses.append(f"({either})")
                params.extend(f" {value} " for value in values)
            else:
                clauses.append(f"d.{name} IN ({', '.join('?' * len(values))})")
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
        weights = ", ".join(str(w) for w in WEIGHTS.values())
        # The full-text match runs once (materialised); filters, facets and the page come from
        # its rows, so SQLite never probes the FTS index per document.
        sql = (
            "WITH m AS MATERIALIZED (SELECT rowid, -bm25(terms, "
            f"{weights}) AS score FROM terms WHERE terms MATCH ?)"
            f" SELECT d.rowid, m.score, {', '.join('d.' + f for f in FACETS)}, d.date"
            f" FROM m JOIN documents d ON d.rowid = m.rowid WHERE {where}"
        )
        try:
            rows = self.connection.execute(sql, [expression, *params]).fetchall()
            rows.sort(key=lambda row: (row[1], row[-1] or ""), reverse=True)
            page = rows[request.offset : request.offset + request.page_size]
            marks = ", ".join("?" * len(page))
            sources = {
                rowid: (id_, source)
                for rowid, id_, source in self.connection.execute(
                    f"SELECT rowid, id, source FROM documents WHERE rowid IN ({marks})",
                    [row[0] for row in page],
                )
            }
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error
        hits = []
        for row in page:
            id_, source = sources[row[0]]
            hits.append({**json.loads(source), "id": id_, "score": row[1]})
        return SearchResults(total=len(rows), hits=hits, facets=self._facets(rows))

    @staticmethod
    def _facets(rows: list[tuple]) -> dict[str, list[tuple[str, int]]]:
        facets = {}
        for name, column in FACET_COLUMNS.items():
            counts = Counter()
            for row in rows:
                if row[column]:
                    counts.update(row[column].split() if name == "topics" else (row[column],))
            facets[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:50]
        return facets

    # Spelling suggestions (search.spelling). The exact-word vocabulary is FTS5's own term list
    # (fts5vocab) read into memory, grouped by folded first letter. It is read again when the
    # index has changed (FTS5's structure record differs), but no more often than VOCABULARY_REUSE
    # allows: a suggestion is always checked by a query, so a term missing for a while or no
    # longer indexed does no harm.

    def _vocabulary(self) -> dict[str, dict[str, int]]:
        try:
            structure = self.connection.execute(
                "SELECT block FROM terms_data WHERE id = 10"
            ).fetchone()
            cached = getattr(self, "_spelling", None)
            started = time.monotonic()
            if cached and (cached[0] == structure or started < cached[1]):
                return cached[2]
            self.connection.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms_vocabulary"
                " USING fts5vocab(main, terms, col)"
            )
            rows = self.connection.execute(
                "SELECT term, doc FROM temp.terms_vocabulary WHERE col IN ('title_words', 'words')"
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error
        vocabulary: dict[str, dict[str, int]] = {}
        for term, documents in rows:
            bucket = vocabulary.setdefault(fold(term[0]), {})
            bucket[term] = max(bucket.get(term, 0), documents)
        finished = time.monotonic()
        reuse_until = finished + VOCABULARY_REUSE * (finished - started)
        self._spelling = (structure, reuse_until, vocabulary)
        return vocabulary

    def similar_terms(self, words: dict[str, int]) -> dict[str, dict[str, int]]:
        vocabulary = self._vocabulary()
        found = {}
        for word, edits in words.items():
            bucket = vocabulary.get(fold(word[:1]), {})
            near = process.extract(
                word, list(bucket), scorer=OSA.distance, score_cutoff=edits, limit=None
            )
            found[word] = {
                term: bucket[term]
                for term, distance, _ in near
                if term != word and (distance < 2 or term[:1] == word[:1])
            }
        return found

    def _matching(
        self,
        request: SearchRequest,
        expression: str,
        select: str,
        limit: int = -1,
        order: str = "",
    ) -> list[tuple]:
        where, params = self._where(request)
        sql = (
            "WITH m AS MATERIALIZED (SELECT rowid FROM terms WHERE terms MATCH ?)"
            f" SELECT {select} FROM m JOIN documents d ON d.rowid = m.rowid WHERE {where}"
            f"{f' ORDER BY {order}' if order else ''} LIMIT {int(limit)}"
        )
        try:
            return self.connection.execute(sql, [expression, *params]).fetchall()
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error

    @staticmethod
    def _exact(word: str) -> str:
        return f"{{title_words words}} : {_phrase(word)}"

    def words_present(self, request: SearchRequest, words: list[str]) -> set[str]:
        return {word for word in words if self._matching(request, self._exact(word), "1", 1)}

    def count(self, request: SearchRequest) -> int:
        expression = match_expression(request)
        return self._matching(request, expression, "count(*)")[0][0] if expression else 0

    def texts_with_word(self, request: SearchRequest, word: str, limit: int = 5) -> list[str]:
        # Ordered on ids only; the (large) sources of the chosen rows are read afterwards.
        rowids = self._matching(
            request, self._exact(word), "d.rowid", limit, order="CAST(d.id AS INTEGER)"
        )
        marks = ", ".join("?" * len(rowids))
        sql = f"SELECT source FROM documents WHERE rowid IN ({marks}) ORDER BY CAST(id AS INTEGER)"
        try:
            rows = self.connection.execute(sql, [rowid for (rowid,) in rowids]).fetchall()
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error
        texts = []
        for (source,) in rows:
            data = json.loads(source)
            texts.append(f"{data['title']}\n{data['summary']}\n{data['body']}")
        return texts
