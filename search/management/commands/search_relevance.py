"""``manage.py search_relevance``: recall@10 and MRR per language on the relevance test set,
for the embedded engine and every server engine named (their own index, never the readers')."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand

from search import relevance
from search.engines import engine_for

INDEX = "cms-relevance"


class Command(BaseCommand):
    help = "Measure recall@10 and MRR per language for each search engine."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--url",
            action="append",
            default=[],
            help="an engine URL (repeatable); default: the embedded engine, plus OpenSearch and "
            "Elasticsearch when OPENSEARCH_URL / ELASTICSEARCH_URL are set",
        )

    def handle(self, *args, url: list[str], **options) -> None:
        urls = url or ["sqlite://"] + [
            f"{product}+{os.environ[variable]}"
            for product, variable in (
                ("opensearch", "OPENSEARCH_URL"),
                ("elasticsearch", "ELASTICSEARCH_URL"),
            )
            if os.environ.get(variable)
        ]
        dataset = relevance.load()
        self.stdout.write("| engine | language | queries | recall@10 | MRR | missed |")
        self.stdout.write("|---|---|---|---|---|---|")
        for engine_url in urls:
            engine = engine_for(engine_url, INDEX)
            for language, score in relevance.evaluate(engine, dataset).items():
                self.stdout.write(
                    f"| {engine.name} | {language} | {score.queries} | {score.recall:.3f} "
                    f"| {score.mrr:.3f} | {', '.join(score.missed) or '–'} |"
                )
