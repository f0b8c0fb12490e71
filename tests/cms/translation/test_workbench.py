"""The desk's segment editor (cms/translation/workbench.py): every save answers with the segment's
checks (glossary with the official term as a fix, markup, numbers, length, spaces, punctuation),
the job's progress in segments and words, and a history line; suggestions are drafts that count
for nothing until saved, and show what differs in their source; comments go both ways between
translator and reviewer; the job and its queue row count the segments failing a check."""

from __future__ import annotations

import pytest
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail_localize.models import StringSegment, StringTranslation

from cms.translation import jobs, memory, segment_checks, segment_versions, workbench
from cms.translation.models import GlossaryTerm, SegmentEvent
from tests.cms.translation.conftest import remember, translate_all

STANDFIRST = "Sở Ngoại vụ chủ trì buổi đón tiếp."


@pytest.fixture
def terms(db):
    return [
        GlossaryTerm.objects.create(
            target_language="en",
            source_term="Sở Ngoại vụ",
            required=["Hanoi Department of Foreign Affairs"],
            forbidden=["Foreign Service Department"],
        )
    ]


@pytest.fixture
def started(en_job, translator_en):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    return en_job


def _segment(job, text: str) -> StringSegment:
    return StringSegment.objects.select_related("string").get(
        source=job.translation.source, string__data=text
    )


def _save(client, job, segment, text: str, **extra):
    url = reverse("desk:segment_save", args=[job.pk, segment.pk])
    return client.post(url, {"text": text, **extra})


def test_a_forbidden_rendering_is_flagged_on_save_with_the_official_term_as_its_fix(
    client, started, translator_en, terms
):
    client.force_login(translator_en)
    segment = _segment(started, STANDFIRST)
    answer = _save(client, started, segment, "The Foreign Service Department hosted.").json()
    (glossary_result,) = [r for r in answer["results"] if r["fix"]]
    assert glossary_result["blocking"]
    assert glossary_result["fix"] == "The Hanoi Department of Foreign Affairs hosted."
    assert answer["progress"]["failing"] == 1
    started.refresh_from_db()
    assert started.check_failures == 1

    fixed = _save(client, started, segment, glossary_result["fix"]).json()
    assert [r for r in fixed["results"] if r["blocking"]] == []
    started.refresh_from_db()
    assert started.check_failures == 0


def test_the_approval_gate_and_the_live_checks_share_one_glossary_check(started, terms):
    pairs = [(2, STANDFIRST, "The Foreign Service Department hosted.")]
    from cms.translation import glossary

    gate_findings = [f.describe() for f in glossary.check_pairs(pairs, terms)]
    live = segment_checks.check_segment(2, *pairs[0][1:], "en", terms)
    assert [r.message for r in live if r.kind == "glossary"] == gate_findings


def test_a_missing_official_term_offers_it_for_insertion(terms):
    (result,) = segment_checks.check_segment(1, STANDFIRST, "The department hosted.", "en", terms)
    assert (result.kind, result.insert, result.fix) == (
        "glossary",
        "Hanoi Department of Foreign Affairs",
        None,
    )


@pytest.mark.parametrize(
    ("source", "target", "kind"),
    [
        ("Ngày 12/3/2025 có 1.200 khách.", "On 12/3/2025 there were 1,300 guests.", "numbers"),
        ("Bấm <b>đây</b> để đọc.", "Click here to read.", "markup"),
        ("Xin chào %(name)s.", "Hello.", "placeholders"),
        (
            "Thành phố Hà Nội tổ chức lễ hội mùa thu cho du khách quốc tế.",
            "Hanoi.",
            "length",
        ),
        ("Hà Nội đón khách.", "Hanoi  welcomes guests.", "spaces"),
        ("Hà Nội đón khách.", "Hanoi welcomes guests。", "punctuation"),
        ("Hà Nội đón khách quốc tế mùa thu.", "Hà Nội đón khách quốc tế mùa thu.", "untranslated"),
    ],
)
def test_each_check_names_what_is_wrong(source, target, kind):
    assert kind in {r.kind for r in segment_checks.check_segment(1, source, target, "en", [])}


def test_chinese_punctuation_is_checked_for_chinese():
    results = segment_checks.check_segment(
        1, "Hà Nội đón khách, rồi đi.", "河内欢迎客人,然后走。", "zh-hans", []
    )
    assert "punctuation" in {r.kind for r in results}


def test_checks_while_typing_save_nothing(client, started, translator_en, terms):
    client.force_login(translator_en)
    segment = _segment(started, STANDFIRST)
    url = reverse("desk:segment_check", args=[started.pk, segment.pk])
    answer = client.post(url, {"text": "Foreign Service Department"}).json()
    assert {r["kind"] for r in answer["results"]} >= {"glossary"}
    assert not StringTranslation.objects.filter(translation_of_id=segment.string_id).exists()


def test_saving_records_history_and_progress_in_segments_and_words(client, started, translator_en):
    client.force_login(translator_en)
    segment = _segment(started, STANDFIRST)
    first = _save(client, started, segment, "The department hosted.").json()
    second = _save(client, started, segment, "The department hosted the visit.").json()
    assert first["progress"]["segments_done"] == second["progress"]["segments_done"] == 1
    assert second["progress"]["words_done"] == len(STANDFIRST.split())
    events = SegmentEvent.objects.filter(job=started, kind="saved")
    assert [(e.previous, e.text, e.actor) for e in events] == [
        ("", "The department hosted.", translator_en),
        ("The department hosted.", "The department hosted the visit.", translator_en),
    ]
    assert second["event"]["who"] == translator_en.get_username()


def test_a_suggestion_is_a_draft_until_saved(client, started, translator_en, story):
    remember(story.title, "Hanoi welcomes international visitors")
    client.force_login(translator_en)
    page = client.get(reverse("desk:workbench", args=[started.pk]))
    assert page.status_code == 200
    assert b"Hanoi welcomes international visitors" in page.content
    started.refresh_from_db()
    assert started.progress == 0  # offered, not applied

    segment = _segment(started, story.title)
    entry = memory.lookup(story.title, "vi", "en")[0].entry
    answer = _save(client, started, segment, entry.target_text, entry=entry.pk).json()
    assert answer["state"] == "exact"
    saved = StringTranslation.objects.get(translation_of_id=segment.string_id)
    assert saved.tool_name == memory.MEMORY_TOOL
    edited = _save(client, started, segment, "Hanoi welcomes visitors", entry=entry.pk).json()
    assert edited["state"] == "translated"
    saved.refresh_from_db()
    assert memory.provenance_of(saved) == "post_edited"


def test_a_fuzzy_suggestion_shows_what_differs_in_its_source():
    chunks = workbench.source_diff(
        "Sở Ngoại vụ tổ chức buổi gặp mặt.", "Sở Ngoại vụ tổ chức buổi gặp mặt phóng viên."
    )
    assert ("added", "phóng viên") in [(k, t.strip()) for k, t in chunks]
    assert "".join(t for k, t in chunks if k != "removed") == (
        "Sở Ngoại vụ tổ chức buổi gặp mặt phóng viên."
    )


def test_a_paragraph_with_a_sentence_added_is_offered_its_earlier_translation(db):
    """78 % similar; its old words are common in the memory, so they are left out of the
    candidate count, and the sentence added outweighed the rest."""
    old = "Sở Ngoại vụ tổ chức buổi gặp mặt phóng viên nước ngoài thường trú tại Hà Nội."
    remember(old, "The department met resident foreign correspondents in Hanoi.")
    for n in range(30):
        remember(
            f"Sở Ngoại vụ tổ chức buổi gặp mặt phóng viên tại Hà Nội lần thứ {n} trong năm.",
            f"Meeting {n}.",
        )
    new = old + " Khách mời gồm đại sứ, tham tán và học giả."
    assert [m.entry.source_text for m in memory.lookup(new, "vi", "en", limit=40)].count(old) == 1


@override_settings(DESK_FUZZY_THRESHOLD=95, DESK_SUGGESTIONS=1)
def test_fuzzy_threshold_and_count_come_from_the_settings(db):
    remember("Hà Nội đón đoàn khách quốc tế", "Hanoi welcomes international visitors")
    remember("Hà Nội đón đoàn khách quốc tế mới", "Hanoi welcomes new visitors")
    query = "Hà Nội đón đoàn khách quốc tế mùa thu"  # 88 % similar to both
    assert memory.lookup(query, "vi", "en") == []
    with override_settings(DESK_FUZZY_THRESHOLD=75):
        assert len(memory.lookup(query, "vi", "en")) == 1


def test_a_machine_translation_does_not_count_until_confirmed(client, started, translator_en):
    segment = _segment(started, STANDFIRST)
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=started.target_locale,
        context=segment.context,
        data="The department hosted.",
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )
    started.refresh_from_db()
    assert started.progress == 0
    client.force_login(translator_en)
    answer = _save(client, started, segment, "The department hosted.").json()
    assert answer["state"] == "translated"
    started.refresh_from_db()
    assert started.progress > 0


def test_comments_go_from_translator_to_reviewer_and_back(
    client, started, translator_en, reviewer_en
):
    segment = _segment(started, STANDFIRST)
    url = reverse("desk:segment_comment", args=[started.pk, segment.pk])
    client.force_login(translator_en)
    assert client.post(url, {"text": "Is “chủ trì” hosted or chaired?"}).status_code == 200
    client.force_login(reviewer_en)
    assert client.post(url, {"text": "Chaired."}).status_code == 200
    page = client.get(reverse("desk:workbench", args=[started.pk]))
    assert "Is “chủ trì” hosted or chaired?" in page.content.decode()
    assert "Chaired." in page.content.decode()


def test_only_the_assignee_saves_while_in_progress(
    client, started, other_translator_en, reviewer_en
):
    segment = _segment(started, STANDFIRST)
    client.force_login(other_translator_en)
    assert _save(client, started, segment, "x").status_code in (302, 403)
    client.force_login(reviewer_en)
    assert _save(client, started, segment, "x").status_code == 409
    assert not StringTranslation.objects.filter(translation_of_id=segment.string_id).exists()


def test_the_workbench_has_save_submit_and_progress(client, started, translator_en):
    client.force_login(translator_en)
    html = client.get(reverse("desk:workbench", args=[started.pk])).content.decode()
    assert 'data-action="save"' in html
    assert reverse("desk:job_action", args=[started.pk, "submit"]) in html
    assert 'data-progress="segments"' in html and 'data-progress="words"' in html
    assert "<script src=" in html and "desk/workbench.js" in html


def test_claim_and_translate_opens_the_workbench(client, en_job, translator_en):
    client.force_login(translator_en)
    response = client.post(
        reverse("desk:job_action", args=[en_job.pk, "translate"]), {"version": en_job.version}
    )
    assert response.url == reverse("desk:workbench", args=[en_job.pk])
    en_job.refresh_from_db()
    assert (en_job.status, en_job.assignee) == ("in_progress", translator_en)


def test_the_queue_row_and_the_job_page_count_and_list_failing_checks(
    client, started, translator_en, reviewer_en, terms
):
    translate_all(
        started,
        translator_en,
        text=lambda s: "The Foreign Service Department" if s == STANDFIRST else f"EN {s}",
    )
    jobs.refresh_progress(started)
    assert started.check_failures >= 1
    client.force_login(reviewer_en)
    export = client.get(reverse("desk:queue", args=["en"]), {"status": "all", "export": "csv"})
    header, row = b"".join(export.streaming_content).decode().splitlines()
    assert header.endswith(",Kiểm tra chưa đạt")  # the admin speaks vi: "Failing checks"
    assert row.endswith(f",{started.check_failures}")
    job_page = client.get(reverse("desk:job", args=[started.pk])).content.decode()
    assert "Foreign Service Department" in job_page


def test_a_save_based_on_an_outdated_segment_is_refused_showing_the_newer_text(
    client, started, translator_en
):
    """The same segment edited in two places (two tabs, or the workbench and wagtail-localize's
    editor): the later save, based on the version the screen was opened with, is refused and
    changes nothing; it answers with the newer text and its version, and saving again based on
    that version goes through."""
    client.force_login(translator_en)
    segment = _segment(started, STANDFIRST)
    page = client.get(reverse("desk:workbench", args=[started.pk])).content.decode()
    opened = segment_versions.version_of("")
    assert f'data-version="{opened}"' in page

    elsewhere = _save(client, started, segment, "The department hosted.", version=opened)
    assert elsewhere.status_code == 200
    newer = elsewhere.json()["version"]
    assert newer == segment_versions.version_of("The department hosted.")

    refused = _save(client, started, segment, "The department chaired.", version=opened)
    assert refused.status_code == 409
    answer = refused.json()
    assert answer["current"] == "The department hosted." and answer["version"] == newer
    with translation.override(refused.headers["Content-Language"]):
        own = gettext(
            "You changed this segment in another window after this one opened it; nothing "
            "was saved. The newer text is shown: keep it, or change it and save again."
        )
    assert answer["detail"] == own, "the translator's own other window, named as such"
    stored = StringTranslation.objects.get(translation_of_id=segment.string_id)
    assert stored.data == "The department hosted."
    assert SegmentEvent.objects.filter(job=started, kind="saved").count() == 1

    again = _save(client, started, segment, "The department chaired.", version=newer)
    assert again.status_code == 200
    assert StringTranslation.objects.get(translation_of_id=segment.string_id).data == (
        "The department chaired."
    )
