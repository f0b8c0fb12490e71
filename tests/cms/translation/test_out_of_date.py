"""A republished source marks jobs "source changed" (with the revisions to compare); a minor
edit keeps translations current; resuming syncs the changed source."""

from __future__ import annotations

import datetime

from django.urls import reverse

from cms.translation import jobs, signals
from cms.translation.models import MinorEdit, TranslationJob
from tests.cms.translation.conftest import assert_denied, translate_all

Status = TranslationJob.Status


def _republish(page, **changes):
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    return revision


def test_changed_source_marks_jobs_and_links_the_diff(client, en_job, story, translator_en):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    revision = _republish(story, standfirst="Sở Ngoại vụ và Sở Tư pháp chủ trì.")
    revision.publish()
    en_job.refresh_from_db()
    assert en_job.status == Status.SOURCE_CHANGED
    assert en_job.changed_revision_id == revision.pk
    assert en_job.source_revision_id is not None
    client.force_login(translator_en)
    response = client.get(reverse("desk:job", args=[en_job.pk]))
    assert response.context["compare_url"] == reverse("desk:source_changes", args=[en_job.pk])
    # resuming syncs the new source: old segments stay translated, the changed one is new
    jobs.start(en_job, translator_en)
    assert en_job.status == Status.IN_PROGRESS
    en_job.refresh_from_db()
    assert 0 < en_job.progress < 100


def test_the_translator_sees_what_changed_in_the_source_and_nobody_else_does(
    client, en_job, story, translator_en, lao_translator
):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    _republish(story, standfirst="Sở Ngoại vụ và Sở Tư pháp chủ trì.").publish()
    en_job.refresh_from_db()
    url = reverse("desk:source_changes", args=[en_job.pk])
    wagtail_compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[story.pk, en_job.source_revision_id, en_job.changed_revision_id],
    )
    client.force_login(translator_en)
    assert_denied(client.get(wagtail_compare))  # the Vietnamese page's history is not theirs
    response = client.get(url)
    assert response.status_code == 200
    (change,) = [c for c in response.context["comparison"] if c.field.name == "standfirst"]
    assert change.val_a == "Sở Ngoại vụ chủ trì buổi đón tiếp."
    assert change.val_b == "Sở Ngoại vụ và Sở Tư pháp chủ trì."
    assert "Sở Tư pháp" in response.content.decode()
    client.force_login(lao_translator)
    assert_denied(client.get(url))


def test_a_job_whose_source_has_not_changed_has_no_comparison(client, en_job, translator_en):
    client.force_login(translator_en)
    url = reverse("desk:source_changes", args=[en_job.pk])
    assert client.get(url, follow=True).status_code == 404


def test_unchanged_text_does_not_mark_out_of_date(en_job, story):
    _republish(story).publish()
    en_job.refresh_from_db()
    assert en_job.status == Status.QUEUED


def test_minor_edit_keeps_translations_current(en_job, story, editor):
    with signals.minor_edit(editor):
        revision = _republish(story, standfirst="Sở Ngoại vụ chủ trì buổi đón tiếp")  # typo fix
    assert MinorEdit.objects.filter(revision=revision).exists()
    revision.publish()
    en_job.refresh_from_db()
    assert en_job.status == Status.QUEUED


def test_published_translation_goes_out_of_date(en_job, story, translator_en, reviewer_en):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    jobs.approve(en_job, reviewer_en)
    TranslationJob.objects.filter(pk=en_job.pk).update(status=Status.PUBLISHED)
    _republish(story, title="Hà Nội đón nhiều đoàn khách quốc tế").publish()
    en_job.refresh_from_db()
    assert en_job.status == Status.SOURCE_CHANGED


def test_bulk_segment_refresh_matches_wagtail_localize(en_job, story):
    from cms.translation import sync

    page = story.specific
    page.standfirst = "Sở Ngoại vụ và Sở Tư pháp chủ trì."
    page.save_revision().publish()
    source = en_job.translation.source

    def snapshot():
        return {
            "strings": sorted(
                source.stringsegment_set.values_list(
                    "context__path", "order", "string__data", "attrs"
                )
            ),
            "templates": sorted(
                source.templatesegment_set.values_list("context__path", "order", "template__uuid")
            ),
            "related": sorted(
                source.relatedobjectsegment_set.values_list("context__path", "order")
            ),
            "overridable": sorted(
                source.overridablesegment_set.values_list("context__path", "order")
            ),
        }

    source.update_from_db()  # wagtail-localize's own refresh
    expected = snapshot()
    sync.update_source(source)
    assert snapshot() == expected
    assert any("Sở Tư pháp" in row[2] for row in expected["strings"])


def _sync_queries(section, editor, translator, paragraphs: int) -> int:
    import json
    import uuid

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.demo.factories import body_blocks
    from tests.cms.helpers import article

    def body(prefix):
        blocks = json.loads(
            body_blocks([{"paragraph": f"{prefix} {n}."} for n in range(paragraphs)])
        )
        for number, block in enumerate(blocks):
            block["id"] = str(uuid.UUID(int=number + 1))
        return json.dumps(blocks, ensure_ascii=False)

    page = article(section, body=body("Đoạn"))
    (job,) = jobs.send_to_translation(
        [page], ["en"], deadline=page.first_published_at + datetime.timedelta(days=30), user=editor
    )
    jobs.claim(job, translator)
    page = page.specific
    page.body = body("Đoạn đã sửa")
    page.save_revision().publish()
    job.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        jobs.start(job, translator)
    return len(queries)


def test_sync_query_count_does_not_grow_with_segments(section, editor, translator_en):
    assert _sync_queries(section, editor, translator_en, 3) == _sync_queries(
        section, editor, translator_en, 30
    )
