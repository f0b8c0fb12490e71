"""Queries of wagtail-localize's own segment refresh (``TranslationSource.update_from_db``),
run on demand to measure the upstream patch in docs/upstream/::

    .venv/bin/python -m pytest tests/benchmarks/bench_localize_refresh.py -p no:randomly -s
    PYTHONPATH=<patched wagtail-localize checkout>/src .venv/bin/python -m pytest \\
        tests/benchmarks/bench_localize_refresh.py -p no:randomly -s

Each line gives the installed wagtail-localize, the page's string and template segments, the
queries of sending the page to translation, of refreshing an unchanged source and of refreshing
it after every paragraph's text changed (blocks kept), and a digest of the resulting segment
rows, which must be the same with and without the patch."""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid

import wagtail_localize
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.demo.factories import body_blocks
from cms.translation import jobs
from tests.cms.helpers import article


def _body(prefix: str, paragraphs: int) -> str:
    blocks = json.loads(body_blocks([{"paragraph": f"{prefix} {n}."} for n in range(paragraphs)]))
    for number, block in enumerate(blocks):
        block["id"] = str(uuid.UUID(int=number + 1))
    return json.dumps(blocks, ensure_ascii=False)


def _digest(source) -> str:
    rows = sorted(
        source.stringsegment_set.values_list(
            "context__path", "context__field_path", "order", "string__data", "attrs"
        )
    ) + sorted(
        source.templatesegment_set.values_list(
            "context__path", "context__field_path", "order", "template__uuid"
        )
    )
    text = json.dumps([[str(value) for value in row] for row in rows], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def test_refresh_segments_queries(section, editor):
    print(f"\nwagtail-localize at {wagtail_localize.__file__}")
    for paragraphs in (5, 25, 100):
        page = article(section, body=_body("Đoạn", paragraphs))
        with CaptureQueriesContext(connection) as send:
            (job,) = jobs.send_to_translation(
                [page],
                ["en"],
                deadline=page.first_published_at + datetime.timedelta(days=30),
                user=editor,
            )
        source = job.translation.source
        segments = source.stringsegment_set.count() + source.templatesegment_set.count()
        with CaptureQueriesContext(connection) as unchanged:
            source.update_from_db()
        page = page.specific
        page.body = _body("Đoạn đã sửa", paragraphs)
        page.save_revision().publish()
        with CaptureQueriesContext(connection) as changed:
            source.update_from_db()
        print(
            f"{segments} segments: send {len(send)} queries, refresh unchanged "
            f"{len(unchanged)}, refresh changed {len(changed)}; rows {_digest(source)}"
        )
