"""Relevance measurement on a set of documents and known-item queries
(``search/data/relevance.yaml``), for any engine: recall@10, mean reciprocal rank and
precision@10 (the share of the hits shown on the first page that are relevant: sub-word
matching that floods the page with unrelated documents lowers it) per language and per kind of
query."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from search import spelling
from search.documents import PageDocument, SearchRequest
from search.engines import Engine

DATASET = Path(__file__).with_name("data") / "relevance.yaml"
K = 10


@dataclass
class Score:
    """Recall@10, mean reciprocal rank and precision@10 over ``queries`` queries, and the
    queries whose relevant documents were all missed."""

    recall: float = 0.0
    mrr: float = 0.0
    precision: float = 0.0
    queries: int = 0
    missed: list[str] = field(default_factory=list)

    def add(self, query: str, found: list[str], relevant: set[str]) -> None:
        """Count one query: ``found`` are the keys of the first page of hits, best first."""
        rank = next((i for i, key in enumerate(found, 1) if key in relevant), None)
        n = self.queries
        share = len(relevant & set(found)) / min(len(relevant), K)  # all K can be relevant
        self.recall = (self.recall * n + share) / (n + 1)
        self.mrr = (self.mrr * n + (1 / rank if rank else 0.0)) / (n + 1)
        shown = len(relevant & set(found)) / len(found) if found else 0.0
        self.precision = (self.precision * n + shown) / (n + 1)
        self.queries = n + 1
        if rank is None:
            self.missed.append(query)


@dataclass
class Report:
    """Scores per language and per (language, kind of query)."""

    languages: dict[str, Score]
    kinds: dict[tuple[str, str], Score]


def load(path: Path = DATASET) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def documents(dataset: dict) -> list[PageDocument]:
    """The dataset's documents, numbered in file order, one fictitious channel."""
    docs, number = [], 0
    for language, data in dataset.items():
        for key, fields in data["documents"].items():
            number += 1
            docs.append(
                PageDocument.build(
                    page_id=number,
                    title=fields["title"],
                    summary=fields.get("summary", ""),
                    body=fields["body"],
                    language=language,
                    channel="relevance",
                    district="",
                    section="",
                    topics=[],
                    content_type="article",
                    date=datetime(2026, 1, 1),
                    url=f"/{language}/{key}/",
                    image="",
                    translation_key=key,
                    fingerprint=key,
                )
            )
    return docs


def cases(data: dict) -> list[dict]:
    """A language's queries: those listed with their relevant documents, and those a document
    lists (relevant: the document, and those in ``also`` that answer the query as well)."""
    listed = [
        {**query, "relevant": [key, *query.get("also", [])]}
        for key, fields in data["documents"].items()
        for query in fields.get("queries", [])
    ]
    return [*data.get("queries", []), *listed]


def report(engine: Engine, dataset: dict) -> Report:
    """Index ``dataset`` into ``engine`` (which is reset) and score every language and kind."""
    engine.reset()
    engine.index(documents(dataset))
    languages: dict[str, Score] = defaultdict(Score)
    kinds: dict[tuple[str, str], Score] = defaultdict(Score)
    for language, data in dataset.items():
        for case in cases(data):
            text = case["query"]
            if case.get("nfd"):
                text = unicodedata.normalize("NFD", text)
            # What the reader sees: a misspelt query shows the suggestion's results.
            hits = spelling.search(engine, SearchRequest(text, language, page_size=K)).results.hits
            found = [hit["translation_key"] for hit in hits]
            relevant = set(case["relevant"])
            languages[language].add(case["query"], found, relevant)
            kinds[language, case.get("kind", "earlier")].add(case["query"], found, relevant)
    return Report(dict(languages), dict(sorted(kinds.items())))


def evaluate(engine: Engine, dataset: dict) -> dict[str, Score]:
    """Index ``dataset`` into ``engine`` (which is reset) and score every language."""
    return report(engine, dataset).languages
