"""``manage.py search_relevance``: recall@10, MRR and precision@10 per language and per kind of
query on the relevance test set, for the embedded engine and every server engine named (their
own index, never the readers')."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand

from search import relevance
from search.engines import engine_for

INDEX = "cms-relevance"


class Command(BaseCommand):
    help = "Measure recall@10, MRR and precision@10 per language and kind for each search engine."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--url",
            action="append",
            default=[],
            help="an engine URL (repeatable); default: the embedded engine, plus OpenSearch and "
            "Elasticsearch when OPENSEARCH_URL / ELASTICSEARCH_URL are set",
        )
        parser.add_argument("--missed", action="store_true", help="list the queries missed")

    def handle(self, *args, url: list[str], missed: bool = False, **options) -> None:
        urls = url or ["sqlite://"] + [
            f"{product}+{os.environ[variable]}"
            for product, variable in (
                ("opensearch", "OPENSEARCH_URL"),
                ("elasticsearch", "ELASTICSEARCH_URL"),
            )
            if os.environ.get(variable)
        ]
        dataset = relevance.load()
        reports = {}
        for engine_url in urls:
            engine = engine_for(engine_url, INDEX)
            reports[engine.name] = relevance.report(engine, dataset)
        self.stdout.write("| engine | language | kind | queries | recall@10 | MRR | precision@10 |")
        self.stdout.write("|---|---|---|---|---|---|---|")
        for name, report in reports.items():
            rows = [((language, "all"), s) for language, s in report.languages.items()]
            for (language, kind), score in [*rows, *report.kinds.items()]:
                self.stdout.write(
                    f"| {name} | {language} | {kind} | {score.queries} | {score.recall:.3f} "
                    f"| {score.mrr:.3f} | {score.precision:.3f} |"
                )
        if missed:
            for name, report in reports.items():
                for language, score in report.languages.items():
                    for query in score.missed:
                        self.stdout.write(f"missed: {name} {language} {query}")
