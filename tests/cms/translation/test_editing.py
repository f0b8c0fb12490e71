"""The translation editor under the desk's rules: a translation with an open job belongs to its
assignee (the language's reviewers once it is in review), page locks are respected, and nobody
else's change is saved through wagtail-localize's endpoints; beside each segment the editor shows
memory matches (applied with provenance "memory") and glossary terms with their positions."""

from __future__ import annotations

import io

import polib
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from cms.translation import editing, exchange, jobs
from tests.cms.translation.conftest import job_rows, remember, translate_all


def _segment(job, text: str) -> StringSegment:
    return StringSegment.objects.select_related("string").get(
        source=job.translation.source, string__data=text
    )


def _put(client, job, segment, value: str):
    url = reverse("wagtail_localize:edit_string_translation", args=[job.translation.pk, segment.pk])
    return client.put(url, f"value={value}", content_type="application/x-www-form-urlencoded")


def _refused(response, user, job) -> str:
    """The reason a refused change gives (in the admin language the response was written in),
    checked against the desk's rule; returned in English."""
    assert response.status_code == 409
    with translation.override(response.headers["Content-Language"]):
        assert response.json()["detail"] == editing.blocker(user, job.translation)
    with translation.override("en"):
        return editing.blocker(user, job.translation)


def _saved(job, segment) -> str | None:
    row = StringTranslation.objects.filter(
        translation_of_id=segment.string_id, locale=job.target_locale, context=segment.context
    ).first()
    return row.data if row else None


@pytest.fixture
def started(en_job, translator_en):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    return en_job


def test_the_assignee_saves_a_segment_in_the_editor(client, started, story, translator_en):
    segment = _segment(started, story.title)
    client.force_login(translator_en)
    assert _put(client, started, segment, "Hanoi welcomes visitors").status_code in (200, 201)
    assert _saved(started, segment) == "Hanoi welcomes visitors"


def test_another_translator_cannot_overwrite_the_assignees_segment(
    client, started, story, translator_en, other_translator_en
):
    segment = _segment(started, story.title)
    client.force_login(translator_en)
    _put(client, started, segment, "Hanoi welcomes visitors")
    client.force_login(other_translator_en)
    response = _put(client, started, segment, "Something else")
    assert "assigned to translator-en" in _refused(response, other_translator_en, started)
    assert _saved(started, segment) == "Hanoi welcomes visitors"


def test_an_unclaimed_job_must_be_claimed_before_translating(client, en_job, story, translator_en):
    segment = _segment(en_job, story.title)
    client.force_login(translator_en)
    response = _put(client, en_job, segment, "Hanoi welcomes visitors")
    assert "Claim" in _refused(response, translator_en, en_job)
    assert _saved(en_job, segment) is None


def test_in_review_the_reviewer_edits_the_translator_waits_then_the_approvers_decide(
    client, started, story, translator_en, reviewer_en
):
    translate_all(started, translator_en)
    jobs.submit(started, translator_en)
    segment = _segment(started, story.title)
    client.force_login(translator_en)
    response = _put(client, started, segment, "Late change")
    assert "reviewers" in _refused(response, translator_en, started)
    client.force_login(reviewer_en)
    assert _put(client, started, segment, "Reviewed title").status_code in (200, 201)
    assert _saved(started, segment) == "Reviewed title"
    jobs.approve(started, reviewer_en)  # on to the site's approvers
    response = _put(client, started, segment, "After approval")
    assert "waiting for approval" in _refused(response, reviewer_en, started)
    assert _saved(started, segment) == "Reviewed title"


def test_a_page_lock_held_by_someone_else_blocks_the_assignee(
    client, started, story, translator_en, reviewer_en
):
    target = Page.objects.get(pk=started.translation.get_target_instance().pk)
    target.locked, target.locked_by, target.locked_at = True, reviewer_en, timezone.now()
    target.save()
    segment = _segment(started, story.title)
    client.force_login(translator_en)
    response = _put(client, started, segment, "Hanoi welcomes visitors")
    assert "locked by reviewer-en" in _refused(response, translator_en, started)
    assert _saved(started, segment) is None


def test_machine_translation_and_po_upload_follow_the_same_rule(
    client, started, story, other_translator_en
):
    remember(story.title, "Hanoi welcomes international visitors")
    client.force_login(other_translator_en)
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[started.translation.pk])
        + "?next=/admin/"
    )
    assert response.status_code == 302
    po = polib.POFile()
    po.append(polib.POEntry(msgid=story.title, msgstr="Overwritten", msgctxt="title"))
    upload = io.BytesIO(str(po).encode())
    upload.name = "en.po"
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[started.translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert not job_rows(started).exists()


def test_the_editor_lists_matches_and_terms_beside_each_segment(
    client, started, story, translator_en
):
    exchange.save_term("en", "Sở Ngoại vụ", ["Hanoi Department of Foreign Affairs"])
    remember(story.title, "Hanoi welcomes international visitors")
    remember(story.title.replace("quốc tế", "nước ngoài"), "Hanoi welcomes foreign visitors")
    client.force_login(translator_en)
    data = client.get(reverse("desk:suggestions", args=[started.translation.pk])).json()
    assert data["editable"] is True
    rows = {row["source"]: row for row in data["segments"]}
    title = rows[story.title]
    exact, fuzzy = title["matches"][:2]
    assert exact["exact"] and exact["score"] == 100
    assert exact["target"] == "Hanoi welcomes international visitors"
    assert not fuzzy["exact"] and 75 <= fuzzy["score"] < 100
    standfirst = story.specific.standfirst
    (term,) = rows[standfirst]["terms"]
    assert standfirst[term["start"] : term["end"]] == "Sở Ngoại vụ"
    assert term["required"] == ["Hanoi Department of Foreign Affairs"]


def test_using_a_match_saves_it_with_memory_provenance(
    client, started, story, translator_en, other_translator_en
):
    remember(story.title, "Hanoi welcomes international visitors")
    segment = _segment(started, story.title)
    client.force_login(translator_en)
    (match, *_) = client.get(reverse("desk:suggestions", args=[started.translation.pk])).json()[
        "segments"
    ][0]["matches"]
    url = reverse("desk:use_match", args=[started.translation.pk, segment.pk])
    client.force_login(other_translator_en)
    assert client.post(url, {"entry": match["entry"]}).status_code == 409
    client.force_login(translator_en)
    assert client.post(url, {"entry": match["entry"]}).status_code == 200
    row = StringTranslation.objects.get(translation_of_id=segment.string_id)
    assert (row.data, row.tool_name) == ("Hanoi welcomes international visitors", "memory")
    started.refresh_from_db()
    assert started.progress > 0


def test_the_editor_says_why_someone_else_cannot_change_the_translation(
    client, started, other_translator_en
):
    client.force_login(other_translator_en)
    response = client.get(started.translation.get_target_instance_edit_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="desk-editor-panel"' in content
    assert "translator-en" in content and "desk/editor.js" in content


def test_applying_exact_matches_from_the_editor_returns_to_it(
    client, started, story, translator_en
):
    remember(story.title, "Hanoi welcomes international visitors")
    editor_url = started.translation.get_target_instance_edit_url()
    client.force_login(translator_en)
    response = client.post(
        reverse("desk:job_action", args=[started.pk, "apply-memory"]),
        {"version": started.version, "next": editor_url},
    )
    assert response.status_code == 302 and response.url == editor_url
    assert (
        _saved(started, _segment(started, story.title)) == "Hanoi welcomes international visitors"
    )


def test_a_fuzzy_match_is_never_saved_as_it_stands(client, started, story, translator_en):
    remember(story.title.replace("quốc tế", "nước ngoài"), "Hanoi welcomes foreign visitors")
    segment = _segment(started, story.title)
    client.force_login(translator_en)
    (match,) = client.get(reverse("desk:suggestions", args=[started.translation.pk])).json()[
        "segments"
    ][0]["matches"]
    assert not match["exact"]
    url = reverse("desk:use_match", args=[started.translation.pk, segment.pk])
    assert client.post(url, {"entry": match["entry"]}).status_code == 400
    assert _saved(started, segment) is None


def test_the_translators_editor_offers_the_segment_editor_and_submit(
    client, started, translator_en
):
    client.force_login(translator_en)
    content = client.get(started.translation.get_target_instance_edit_url()).content.decode()
    assert reverse("desk:workbench", args=[started.pk]) in content
    assert reverse("desk:job_action", args=[started.pk, "submit"]) in content
