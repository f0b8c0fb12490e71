"""Relevance measurement: recall@10 and MRR per language on a set of documents and queries
(``search/data/relevance.yaml``), for any engine."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from search.documents import PageDocument, SearchRequest
from search.engines import Engine

DATASET = Path(__file__).with_name("data") / "relevance.yaml"
K = 10


@dataclass
class Score:
    """Recall@10 and mean reciprocal rank over ``queries`` queries, and the queries missed."""

    recall: float
    mrr: float
    queries: int
    missed: list[str]


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
                    summary="",
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


def evaluate(engine: Engine, dataset: dict) -> dict[str, Score]:
    """Index ``dataset`` into ``engine`` (which is reset) and score every language."""
    engine.reset()
    engine.index(documents(dataset))
    scores = {}
    for language, data in dataset.items():
        recall = reciprocal = 0.0
        missed = []
        for case in data["queries"]:
            text = case["query"]
            if case.get("nfd"):
                text = unicodedata.normalize("NFD", text)
            hits = engine.search(SearchRequest(text, language, page_size=K)).hits
            found = [hit["translation_key"] for hit in hits]
            relevant = set(case["relevant"])
            recall += len(relevant & set(found)) / len(relevant)
            rank = next((i for i, key in enumerate(found, 1) if key in relevant), None)
            reciprocal += 1 / rank if rank else 0.0
            if rank is None:
                missed.append(case["query"])
        n = len(data["queries"])
        scores[language] = Score(recall / n, reciprocal / n, n, missed)
    return scores
