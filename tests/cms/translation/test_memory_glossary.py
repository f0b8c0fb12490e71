"""Translation memory (exact, fuzzy, apply, provenance) and glossary checks (matching
without regard to case, diacritics or Unicode form; blocking; logged override; seed)."""

from __future__ import annotations

import unicodedata

import pytest
from wagtail.models import PageLogEntry

from cms.translation import exchange, glossary, jobs, memory
from cms.translation.models import GlossaryOverride, GlossaryTerm, MemoryEntry, TranslationJob
from cms.translation.seed import seed_glossary
from locales.text import fold
from sites import catalogue
from tests.cms.translation.conftest import remember, translate_all


def test_exact_and_fuzzy_matches(db):
    remember("Hà Nội đón đoàn khách quốc tế.", "Hanoi welcomes international guests.")
    remember("Hà Nội đón đoàn khách quốc tế lớn.", "Hanoi welcomes a large delegation.")
    remember("Thời tiết hôm nay đẹp.", "The weather is fine today.")
    matches = memory.lookup("Hà Nội đón đoàn khách quốc tế.", "vi", "en")
    assert matches[0].exact
    assert matches[0].entry.target_text == "Hanoi welcomes international guests."
    assert matches[1].score >= 75 and not matches[1].exact
    assert all("weather" not in m.entry.target_text for m in matches)
    fuzzy = memory.lookup("Hà Nội đón đoàn khách quốc tế hôm nay.", "vi", "en")
    assert fuzzy and all(75 <= m.score < 100 for m in fuzzy)
    assert memory.lookup("Hà Nội đón đoàn khách quốc tế.", "vi", "lo") == []
    # decomposed input finds the same exact match
    decomposed = unicodedata.normalize("NFD", "Hà Nội đón đoàn khách quốc tế.")
    assert memory.lookup(decomposed, "vi", "en")[0].exact


def test_approval_stores_segments_with_provenance_and_apply_exact(
    send, en_job, story, section, translator_en, reviewer_en, editor, deadline
):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    jobs.approve(en_job, reviewer_en)
    stored = MemoryEntry.objects.filter(job=en_job)
    assert stored.count() >= 2
    entry = stored.get(source_text=story.specific.standfirst)
    assert entry.target_text == f"EN {story.specific.standfirst}"
    assert entry.provenance == MemoryEntry.Provenance.HUMAN
    assert entry.translator == translator_en
    assert entry.channel.slug == "hanoimoi"

    from tests.cms.helpers import article

    twin = article(section, title="Tin khác", standfirst=story.specific.standfirst)
    (job,) = jobs.send_to_translation([twin], ["en"], deadline=deadline, user=editor)
    jobs.claim(job, translator_en)
    jobs.start(job, translator_en)
    assert memory.apply_exact_matches(job, translator_en) >= 1
    filled = {seg.string.data: st for seg, st in memory.job_segments(job) if st}
    assert filled[story.specific.standfirst].tool_name == memory.MEMORY_TOOL


@pytest.fixture
def terms(db):
    return [
        exchange.save_term(
            "en",
            "Sở Ngoại vụ",
            ["Hanoi Department of Foreign Affairs"],
            ["Foreign Service Department"],
        ),
        exchange.save_term("en", "kiều bào", ["overseas Vietnamese"], ["Viet Kieu"]),
    ]


def test_matching_ignores_case_diacritics_and_unicode_form(terms):
    nfd = unicodedata.normalize("NFD", "SỞ NGOẠI VỤ tổ chức gặp mặt KIỀU BÀO")
    found = {t.source_term for t in glossary.terms_in(nfd, terms)}
    assert found == {"Sở Ngoại vụ", "kiều bào"}
    assert glossary.terms_in("so ngoai vu", terms)  # typed without diacritics
    assert not glossary.terms_in("Sở Ngoại giao", terms)
    assert fold("Đống Đa") == "dong da"
    # Lao vowel signs are letters, not diacritics
    assert fold("ເມືອງ") != fold("ເມອງ")


def test_check_lists_segment_and_term(terms):
    findings = glossary.check_pairs(
        [
            (1, "Sở Ngoại vụ chủ trì.", "The foreign service department hosted."),
            (2, "Gặp mặt kiều bào.", "Meeting with OVERSEAS VIETNAMESE."),
            (3, "Gặp mặt kiều bào.", "Meeting the Viet Kieu community."),
        ],
        terms,
    )
    described = [f.describe() for f in findings]
    assert [(f.segment, f.kind) for f in findings] == [
        (1, "forbidden"),
        (1, "missing"),
        (3, "forbidden"),
        (3, "missing"),
    ]
    assert "segment 1" in described[0] and "Sở Ngoại vụ" in described[0]


def test_glossary_blocks_approval_until_a_logged_override(
    terms, en_job, translator_en, reviewer_en
):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(
        en_job,
        translator_en,
        text=lambda s: "EN " + s.replace("Sở Ngoại vụ", "Foreign Service Department"),
    )
    jobs.submit(en_job, translator_en)
    with pytest.raises(glossary.GlossaryBlocked) as blocked:
        jobs.approve(en_job, reviewer_en)
    assert any(f.term == "Sở Ngoại vụ" for f in blocked.value.findings)
    en_job.refresh_from_db()
    assert en_job.status == TranslationJob.Status.IN_REVIEW
    jobs.approve(en_job, reviewer_en, override_reason="Tên cũ trong trích dẫn nguyên văn")
    override = GlossaryOverride.objects.get(job=en_job)
    assert override.user == reviewer_en and override.findings
    assert en_job.events.filter(action="glossary_override").exists()
    entry = PageLogEntry.objects.get(action=jobs.GLOSSARY_OVERRIDE_ACTION)
    assert entry.page_id == en_job.translation.get_target_instance().pk
    assert entry.user == reviewer_en
    assert "Tên cũ trong trích dẫn nguyên văn" in entry.message
    assert "Sở Ngoại vụ" in entry.message


def test_seed_has_official_terms_and_every_site_in_four_languages(db):
    seed_glossary(catalogue.load())
    for code in ("en", "zh-hans", "lo", "km"):
        term = GlossaryTerm.objects.get(target_language=code, source_key=fold("Sở Tư pháp"))
        assert term.required
        for entry in catalogue.load().sites:
            assert GlossaryTerm.objects.filter(
                target_language=code, source_key=fold(entry.names.vi)
            ).exists(), (entry.slug, code)
    count = GlossaryTerm.objects.count()
    seed_glossary(catalogue.load())
    assert GlossaryTerm.objects.count() == count  # idempotent


def test_glossary_check_at_publication_sends_the_job_back(
    en_job, translator_en, reviewer_en, make_user
):
    from wagtail.models import Page, PageLogEntry

    approver = make_user("approver-gl", "hanoimoi: approvers")
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(
        en_job,
        translator_en,
        text=lambda s: "EN " + s.replace("Sở Ngoại vụ", "Foreign Service Department"),
    )
    jobs.submit(en_job, translator_en)
    jobs.approve(en_job, reviewer_en)  # no glossary yet: approved
    exchange.save_term(  # the term is added before the site's approvers publish
        "en", "Sở Ngoại vụ", ["Hanoi Department of Foreign Affairs"], ["Foreign Service Department"]
    )
    target = en_job.translation.get_target_instance()
    task_state = target.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")
    assert not Page.objects.get(pk=target.pk).live
    en_job.refresh_from_db()
    assert en_job.status == TranslationJob.Status.IN_REVIEW
    entry = PageLogEntry.objects.get(page=target, action=jobs.GLOSSARY_BLOCK_ACTION)
    assert "Sở Ngoại vụ" in entry.message
    # the reviewer overrides with a reason: the page goes to the site's approvers again
    jobs.approve(en_job, reviewer_en, override_reason="Trích dẫn nguyên văn tên cũ")
    task_state = Page.objects.get(pk=target.pk).specific.current_workflow_state.current_task_state
    assert task_state.task.name == "hanoimoi: approval"
    task_state.task.specific.on_action(task_state, approver, "approve")
    assert Page.objects.get(pk=target.pk).live
