"""The search document, its mapping and its query, written once with ``elasticsearch.dsl``.

Text fields hold terms produced by :mod:`search.analysis` (space-separated), so every engine
only splits on whitespace: the analysis is identical in the embedded engine, OpenSearch and
Elasticsearch, and does not depend on server plugins. Display text (title, summary, body) is
stored unindexed for excerpts and highlights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from elasticsearch.dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    Q,
    Query,
    Search,
    Text,
    analyzer,
)

from search import analysis

TERMS = analyzer("cms_terms", tokenizer="whitespace")

#: Text fields and their weights; every engine ranks with these.
WEIGHTS = {
    "title_words": 8.0,
    "title_folded": 3.0,
    "title_grams": 4.0,
    "words": 3.0,
    "folded": 1.0,
    "grams": 0.5,
}
#: Fields whose terms are the words as written, where "did you mean" looks for near words:
#: English exact-word fields hold stems, its folded fields the written words.
EXACT_FIELDS = ("title_words", "words")
WRITTEN_FIELDS = {"en": ("title_folded", "folded")}
MAX_QUERY_LENGTH = 200
MAX_QUERY_TOKENS = 12
FACETS = ("channel", "district", "topics", "content_type", "year")
#: Bump when the document's fields change: the index must then be rebuilt.
DOCUMENT_VERSION = 2


class PageDocument(Document):
    """One published page in one language."""

    page_id = Integer()
    language = Keyword()
    channel = Keyword()
    #: Other sites that show the page to their readers (syndication): their site-scoped
    #: searches find it too; ``channel`` stays the site it belongs to.
    also_on = Keyword(multi=True)
    district = Keyword()
    section = Keyword()
    topics = Keyword(multi=True)
    content_type = Keyword()
    date = Date()
    year = Keyword()
    url = Keyword(index=False)
    image = Keyword(index=False)
    translation_key = Keyword()
    fingerprint = Keyword()
    title = Text(index=False)
    summary = Text(index=False)
    body = Text(index=False)
    title_words = Text(analyzer=TERMS)
    title_folded = Text(analyzer=TERMS)
    words = Text(analyzer=TERMS)
    title_grams = Text(analyzer=TERMS)
    folded = Text(analyzer=TERMS)
    grams = Text(analyzer=TERMS)

    class Index:
        name = "cms-pages"
        # One replica as soon as there is a second node (a cluster survives losing a node and
        # serves reads from either copy); none on a single node, which would stay yellow.
        settings = {"number_of_shards": 1, "auto_expand_replicas": "0-1"}

    @classmethod
    def build(cls, *, title: str, summary: str, body: str, language: str, **fields) -> PageDocument:
        """A document with display text cleaned and index terms computed for ``language``."""
        title, summary, body = (analysis.clean(text, language) for text in (title, summary, body))
        title_terms = analysis.terms(title, language)
        text_terms = analysis.terms(f"{summary}\n{body}", language)
        return cls(
            meta={"id": str(fields["page_id"])},
            title=title,
            summary=summary,
            body=body,
            language=language,
            title_words=title_terms.words,
            title_folded=title_terms.folded,
            words=text_terms.words,
            folded=text_terms.folded,
            title_grams=title_terms.grams,
            grams=text_terms.grams,
            year=str(fields["date"].year) if fields.get("date") else "",
            **fields,
        )


def index_metadata() -> dict:
    """What the index was built with; a change means the index must be rebuilt."""
    return {
        "analysis_version": analysis.ANALYSIS_VERSION,
        "icu_version": analysis.ICU_VERSION,
        "document_version": DOCUMENT_VERSION,
    }


def index_body() -> dict:
    """Settings and mappings for OpenSearch or Elasticsearch, with the analysis metadata."""
    body = PageDocument._index.to_dict()
    body["mappings"]["_meta"] = index_metadata()
    return body


@dataclass
class SearchRequest:
    """A reader's query: text, language, scope, facet filters and the page wanted."""

    text: str
    language: str
    channel: str | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    page_size: int = 10
    #: Only documents with the query's words in order (in a title or the text).
    in_order: bool = False

    def __post_init__(self) -> None:
        self.text = analysis.clean(self.text, self.language)[:MAX_QUERY_LENGTH]
        self.page = max(1, min(self.page, 1000))

    @property
    def tokens(self) -> list[analysis.Token]:
        return analysis.query_tokens(self.text, self.language)[:MAX_QUERY_TOKENS]

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def is_prefix(token: analysis.Token) -> bool:
    """Whether ``token``'s grams are one character to find at the start of index grams (a
    Chinese query word of one character standing alone)."""
    return len(token.grams) == 1 and len(token.grams[0]) == 1


def term_query(token: analysis.Token) -> Query:
    """Any of the fields matching one query word: exact words weigh most, bigrams least; a
    Vietnamese word typed joined also matches its spaced forms."""
    should = [
        Q("term", title_words={"value": token.word, "boost": WEIGHTS["title_words"]}),
        Q("term", words={"value": token.word, "boost": WEIGHTS["words"]}),
        Q("term", title_folded={"value": token.folded, "boost": WEIGHTS["title_folded"]}),
        Q("term", folded={"value": token.folded, "boost": WEIGHTS["folded"]}),
    ]
    for name in ("title_grams", "grams"):
        if is_prefix(token):
            should.append(Q("prefix", **{name: {"value": token.grams[0], "boost": WEIGHTS[name]}}))
        elif token.grams:
            query = {"query": " ".join(token.grams), "boost": WEIGHTS[name]}
            should.append(Q("match_phrase", **{name: query}))
    for form in token.joined:
        for name in ("title_folded", "folded"):
            should.append(Q("match_phrase", **{name: {"query": form, "boost": WEIGHTS[name]}}))
    return Q("bool", should=should, minimum_should_match=1)


def phrases(request: SearchRequest) -> dict[str, str]:
    """For queries of several words: the words in order, per field, in titles and text (a
    match ranks higher)."""
    tokens = request.tokens
    if len(tokens) < 2:
        return {}
    words = " ".join(t.word for t in tokens)
    if request.language not in analysis.FOLD_LANGUAGES:  # no folded field in these languages
        return {"title_words": words, "words": words}
    folded = " ".join(t.folded for t in tokens)
    return {"title_words": words, "words": words, "title_folded": folded, "folded": folded}


def written_fields(language: str) -> tuple[str, str]:
    """The title and text fields holding ``language``'s words as written."""
    return WRITTEN_FIELDS.get(language, EXACT_FIELDS)


def filters(request: SearchRequest) -> list[Query]:
    """Language, scope, facet and date filters of ``request``."""
    clauses = [Q("term", language=request.language)]
    if request.channel:
        clauses.append(Q("term", channel=request.channel) | Q("term", also_on=request.channel))
    for name, values in request.filters.items():
        if values:
            clauses.append(Q("terms", **{name: values}))
    if request.date_from or request.date_to:
        bounds = {}
        if request.date_from:
            bounds["gte"] = request.date_from.isoformat()
        if request.date_to:
            bounds["lte"] = request.date_to.isoformat()
        clauses.append(Q("range", date=bounds))
    return clauses


def search_for(request: SearchRequest) -> Search[PageDocument]:
    """The query for OpenSearch and Elasticsearch: every query word must match, facets."""
    must = [term_query(t) for t in request.tokens]
    in_order = phrases(request) if request.in_order else {}
    if in_order:
        should = [Q("match_phrase", **{f: in_order[f]}) for f in EXACT_FIELDS if f in in_order]
        must.append(Q("bool", should=should, minimum_should_match=1))
    query = Q(
        "bool",
        must=must,
        should=[
            Q("match_phrase", **{field: {"query": text, "boost": WEIGHTS[field]}})
            for field, text in phrases(request).items()
        ],
        filter=filters(request),
    )
    search = PageDocument.search().query(query).extra(track_total_hits=True)
    search = search.source(excludes=list(WEIGHTS))
    for name in FACETS:
        search.aggs.bucket(name, "terms", field=name, size=50)
    return search[request.offset : request.offset + request.page_size]


def query_body(request: SearchRequest) -> dict:
    """:func:`search_for` as a request body both OpenSearch and Elasticsearch accept."""
    body = search_for(request).to_dict()
    body["_source"].pop("exclude_vectors", None)  # Elasticsearch 9 only; the default anyway
    return body
