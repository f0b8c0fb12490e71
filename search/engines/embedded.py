"""The embedded engine: SQLite FTS5 in its own database file, inside the process.

FTS5 only splits the pre-analysed terms on whitespace (``unicode61`` with every letter, mark,
number, punctuation and symbol category kept, diacritics kept), so FTS5's own word rules never
shatter Lao or Khmer words. Ranking is FTS5's BM25 computed per field and weighted with
:data:`search.documents.WEIGHTS` afterwards (BM25 saturates the weighted term frequency of each
phrase, so weights given to FTS5 would count for little: one passing mention in a long text
would outrank a title); the query's words in order are OR-ed into the MATCH as phrases, which
adds their score; facets are counted in one pass over the matching rows.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.analysis import fold
from search.documents import (
    EXACT_FIELDS,
    FACETS,
    WEIGHTS,
    PageDocument,
    SearchRequest,
    index_metadata,
    is_prefix,
    phrases,
)
from search.engines.base import Engine, EngineUnavailable, SearchResults

TEXT_FIELDS = tuple(WEIGHTS)
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Co Cn'"
#: The table layout (recorded in ``meta``; the first layout has no record).
SCHEMA_VERSION = 3
TABLES = ("meta", "documents", "sources", "terms")
COLUMNS = (
    "language",
    "channel",
    "district",
    "content_type",
    "date",
    "year",
    "topics",
    "also_on",
    "fingerprint",
)
#: Columns holding several values, space-separated (slugs have no spaces).
MULTI_VALUED = ("topics", "also_on")
# Rows of a search: rowid, score, date, then the facets in FACETS order.
FACET_COLUMNS = {name: 3 + i for i, name in enumerate(FACETS)}


def schema(suffix: str = "") -> dict[str, str]:
    """``CREATE`` statements of one index's tables (``suffix`` names a replacement being built).
    ``documents`` holds only the short columns that searches filter and count on; the display
    text is in ``sources``, read for the page's hits only."""
    return {
        "meta": f"CREATE TABLE meta{suffix} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "documents": f"""CREATE TABLE documents{suffix} (
            rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, language TEXT NOT NULL,
            channel TEXT, district TEXT, content_type TEXT, date TEXT, year TEXT, topics TEXT,
            also_on TEXT, fingerprint TEXT)""",
        "sources": f"""CREATE TABLE sources{suffix} (
            rowid INTEGER PRIMARY KEY, source TEXT NOT NULL)""",
        "terms": f"CREATE VIRTUAL TABLE terms{suffix} USING fts5("
        f'{", ".join(TEXT_FIELDS)}, tokenize="{TOKENIZER}")',
    }


#: A changed index goes on using the spelling vocabulary read before the change for this many
#: times as long as reading it took (instantly on a small index; ~40 s at 100,000 documents).
VOCABULARY_REUSE = 100


def _holds(column: str) -> str:
    """SQL: the multi-valued ``column`` holds the value given as `` <value> `` (spaced)."""
    return f"instr(' ' || coalesce(d.{column}, '') || ' ', ?)"


def _phrase(terms: str) -> str:
    return '"' + terms.replace('"', '""') + '"'


def _score_expression(terms: str) -> str:
    """The score: BM25 of each field apart, weighted afterwards, as OpenSearch weighs its term
    queries (FTS5's BM25 with column weights saturates their weighted sum, so a title weight
    would count for little and a folded title word for more than an exact word of the text)."""
    parts = []
    for field, weight in WEIGHTS.items():
        weights = ", ".join("1" if f == field else "0" for f in TEXT_FIELDS)
        parts.append(f"{weight} * bm25({terms}, {weights})")
    return f"-({' + '.join(parts)})"


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
        if is_prefix(token):
            alternatives.append(f"{{title_grams grams}} : {_phrase(token.grams[0])} *")
        elif token.grams:
            alternatives.append(f"{{title_grams grams}} : {_phrase(' '.join(token.grams))}")
        for form in token.joined:
            alternatives.append(f"{{title_folded folded}} : {_phrase(form)}")
        clauses.append("(" + " OR ".join(alternatives) + ")")
    if not clauses:
        return None
    in_order = phrases(request) if request.in_order else {}
    if in_order:
        either = " OR ".join(f"{f} : {_phrase(in_order[f])}" for f in EXACT_FIELDS if f in in_order)
        clauses.append(f"({either})")
        return " AND ".join(clauses)
    # A phrase match implies every word matched, so OR-ing it keeps the same rows and only
    # adds to their score (in each field's BM25).
    extra = [f"{field} : {_phrase(text)}" for field, text in phrases(request).items()]
    return " OR ".join(["(" + " AND ".join(clauses) + ")", *extra])


class EmbeddedEngine(Engine):
    """SQLite FTS5 at ``path`` (``:memory:`` for a private in-memory index); ``suffix`` names
    the tables of a replacement index being built beside the live one."""

    name = "embedded"

    def __init__(self, path: str, suffix: str = "", shared: sqlite3.Connection | None = None):
        self.path = path
        self.suffix = suffix
        self.meta, self.documents, self.sources, self.terms = (t + suffix for t in TABLES)
        self._local = threading.local()
        if shared is None and path == ":memory:":
            shared = sqlite3.connect(path, check_same_thread=False)
        self._shared = shared

    @property
    def connection(self) -> sqlite3.Connection:
        if self._shared is not None:
            return self._shared
        connection = getattr(self._local, "connection", None)
        if connection is None:
            # The index file is made where SEARCH_URL points, its folder included.
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, schema changes included (Python's sqlite3 would otherwise run
        DDL outside it), with the write lock taken at once."""
        try:
            with self.connection as connection:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error

    def _drop(self, db: sqlite3.Connection, suffix: str) -> None:
        for table in reversed(TABLES):
            db.execute(f"DROP TABLE IF EXISTS {table}{suffix}")

    def reset(self) -> None:
        with self._transaction() as db:
            self._drop(db, self.suffix)
            for statement in schema(self.suffix).values():
                db.execute(statement)
            db.executemany(
                f"INSERT INTO {self.meta} VALUES (?, ?)",
                [
                    (key, json.dumps(value))
                    for key, value in {**index_metadata(), "schema": SCHEMA_VERSION}.items()
                ],
            )

    def ensure_index(self) -> None:
        """Create the index if it does not exist; bring tables of earlier layouts up to date in
        place: the first (display text inside ``documents``), the second (no ``also_on``)."""
        if self.metadata() is None:
            self.reset()
            return
        stored = self.connection.execute(
            f"SELECT value FROM {self.meta} WHERE key = 'schema'"
        ).fetchone()
        version = json.loads(stored[0]) if stored else 1
        if version == SCHEMA_VERSION:
            return
        with self._transaction() as db:
            if version < 2:
                db.execute(schema(self.suffix)["sources"])
                db.execute(f"INSERT INTO {self.sources} SELECT rowid, source FROM {self.documents}")
                db.execute(f"ALTER TABLE {self.documents} DROP COLUMN source")
            if version < 3:
                db.execute(f"ALTER TABLE {self.documents} ADD COLUMN also_on TEXT")
            db.execute(
                f"INSERT OR REPLACE INTO {self.meta} VALUES ('schema', ?)",
                [json.dumps(SCHEMA_VERSION)],
            )

    @contextmanager
    def replacement(self) -> Iterator[EmbeddedEngine]:
        """Tables beside the live ones, renamed over them in one transaction at the end (readers
        see the old index until then); dropped if the block fails."""
        new = EmbeddedEngine(self.path, suffix="_new", shared=self._shared)
        new.reset()
        try:
            yield new
        except BaseException:
            with self._transaction() as db:
                self._drop(db, new.suffix)
            raise
        with self._transaction() as db:
            self._drop(db, self.suffix)
            for table in TABLES:
                db.execute(f"ALTER TABLE {table}{new.suffix} RENAME TO {table}{self.suffix}")

    def metadata(self) -> dict | None:
        try:
            rows = self.connection.execute(f"SELECT key, value FROM {self.meta}").fetchall()
        except sqlite3.OperationalError:
            return None
        return {key: json.loads(value) for key, value in rows if key != "schema"}

    def index(self, documents: list[PageDocument], wait: bool = True) -> None:
        with self._transaction() as db:
            self._delete(db, [doc.meta.id for doc in documents])
            for doc in documents:
                data = doc.to_dict()
                source = {k: v for k, v in data.items() if k not in TEXT_FIELDS}
                source["date"] = data["date"].isoformat() if data.get("date") else None
                columns = {**source, **{c: " ".join(data.get(c, [])) for c in MULTI_VALUED}}
                cursor = db.execute(
                    f"INSERT INTO {self.documents} (id, {', '.join(COLUMNS)})"
                    f" VALUES (?, {', '.join('?' * len(COLUMNS))})",
                    (doc.meta.id, *(columns.get(c) for c in COLUMNS)),
                )
                rowid = cursor.lastrowid
                db.execute(
                    f"INSERT INTO {self.sources} (rowid, source) VALUES (?, ?)",
                    (rowid, json.dumps(source)),
                )
                db.execute(
                    f"INSERT INTO {self.terms} (rowid, {', '.join(TEXT_FIELDS)})"
                    f" VALUES (?, {', '.join('?' * len(TEXT_FIELDS))})",
                    (rowid, *(data.get(f, "") for f in TEXT_FIELDS)),
                )

    def _delete(self, db: sqlite3.Connection, ids: list[str]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rowids = f"SELECT rowid FROM {self.documents} WHERE id IN ({marks})"
            for table in (self.terms, self.sources):
                db.execute(f"DELETE FROM {table} WHERE rowid IN ({rowids})", chunk)
            db.execute(f"DELETE FROM {self.documents} WHERE id IN ({marks})", chunk)

    def delete(self, ids: list[str]) -> None:
        with self._transaction() as db:
            self._delete(db, ids)

    def fingerprints(self) -> dict[str, str]:
        rows = self.connection.execute(f"SELECT id, fingerprint FROM {self.documents}")
        return dict(rows.fetchall())

    def _where(self, request: SearchRequest) -> tuple[str, list]:
        clauses, params = ["d.language = ?"], [request.language]
        if request.channel:
            clauses.append(f"(d.channel = ? OR {_holds('also_on')})")
            params.extend([request.channel, f" {request.channel} "])
        for name, values in request.filters.items():
            if not values:
                continue
            if name in MULTI_VALUED:
                either = " OR ".join(_holds(name) for _ in values)
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
        terms = self.terms
        # The full-text match runs once, as the outer loop (CROSS JOIN fixes the order, so the
        # FTS index is never probed per document), joined to the narrow documents table; BM25 is
        # computed only for the rows that pass the filters. Facets and the page come from these
        # rows, and only the page's sources are read.
        sql = (
            f"SELECT d.rowid, {_score_expression(terms)}, d.date,"
            f" {', '.join('d.' + f for f in FACETS)}"
            f" FROM {terms} CROSS JOIN {self.documents} d ON d.rowid = {terms}.rowid"
            f" WHERE {terms} MATCH ? AND {where}"
        )
        try:
            rows = self.connection.execute(sql, [expression, *params]).fetchall()
            # Best first, newer first among equal scores (as a stable sort of every row).
            best = heapq.nlargest(
                request.offset + request.page_size, rows, key=lambda row: (row[1], row[2] or "")
            )
            page = best[request.offset :]
            marks = ", ".join("?" * len(page))
            sources = {
                rowid: (id_, source)
                for rowid, id_, source in self.connection.execute(
                    f"SELECT s.rowid, d.id, s.source FROM {self.sources} s"
                    f" JOIN {self.documents} d ON d.rowid = s.rowid WHERE s.rowid IN ({marks})",
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
        """The 50 commonest values of each facet (topics hold several, space-separated: rows
        are counted per distinct topic list first)."""
        facets = {}
        for name, column in FACET_COLUMNS.items():
            counts = Counter(map(itemgetter(column), rows))
            if name == "topics":
                topics: Counter[str] = Counter()
                for value, count in counts.items():
                    for topic in (value or "").split():
                        topics[topic] += count
                counts = topics
            counts.pop("", None)
            counts.pop(None, None)
            facets[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:50]
        return facets

    # Spelling suggestions (search.spelling). The exact-word vocabulary is FTS5's own term list
    # (fts5vocab) read into memory, grouped by folded first letter. It is read again when the
    # index has changed (FTS5's structure record differs), but no more often than VOCABULARY_REUSE
    # allows: a suggestion is always checked by a query, so a term missing for a while or no
    # longer indexed does no harm.

    def _vocabulary(self, fields: tuple[str, ...]) -> dict[str, dict[str, int]]:
        try:
            structure = self.connection.execute(
                f"SELECT block FROM {self.terms}_data WHERE id = 10"
            ).fetchone()
            if not hasattr(self, "_spelling"):
                self._spelling: dict[tuple[str, ...], tuple] = {}
            cached = self._spelling.get(fields)
            started = time.monotonic()
            if cached and (cached[0] == structure or started < cached[1]):
                return cached[2]
            self.connection.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{self.terms}_vocabulary"
                f" USING fts5vocab(main, {self.terms}, col)"
            )
            rows = self.connection.execute(
                f"SELECT term, doc FROM temp.{self.terms}_vocabulary"
                f" WHERE col IN ({', '.join('?' * len(fields))})",
                fields,
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error
        vocabulary: dict[str, dict[str, int]] = {}
        for term, documents in rows:
            bucket = vocabulary.setdefault(fold(term[0]), {})
            bucket[term] = max(bucket.get(term, 0), documents)
        finished = time.monotonic()
        reuse_until = finished + VOCABULARY_REUSE * (finished - started)
        self._spelling[fields] = (structure, reuse_until, vocabulary)
        return vocabulary

    def similar_terms(
        self, words: dict[str, int], fields: tuple[str, ...] = EXACT_FIELDS
    ) -> dict[str, dict[str, int]]:
        vocabulary = self._vocabulary(fields)
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
    ) -> list[tuple]:
        where, params = self._where(request)
        sql = (
            f"WITH m AS MATERIALIZED (SELECT rowid FROM {self.terms} WHERE {self.terms} MATCH ?)"
            f" SELECT {select} FROM m JOIN {self.documents} d ON d.rowid = m.rowid WHERE {where}"
            f" LIMIT {int(limit)}"
        )
        try:
            return self.connection.execute(sql, [expression, *params]).fetchall()
        except sqlite3.OperationalError as error:
            raise EngineUnavailable(str(error)) from error

    @staticmethod
    def _exact(word: str, fields: tuple[str, ...]) -> str:
        return f"{{{' '.join(fields)}}} : {_phrase(word)}"

    def words_present(
        self, request: SearchRequest, words: list[str], fields: tuple[str, ...] = EXACT_FIELDS
    ) -> set[str]:
        return {w for w in words if self._matching(request, self._exact(w, fields), "1", 1)}

    def count(self, request: SearchRequest) -> int:
        expression = match_expression(request)
        return self._matching(request, expression, "count(*)")[0][0] if expression else 0
