"""Language-completeness policy: on the foreign-affairs site, Vietnamese and English go out
together on first publication; the wait is written to the page's history."""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.demo.factories import ArticlePageFactory
from cms.news.models import SectionPage
from cms.translation import completeness, jobs
from cms.translation.models import HeldPublication, TranslationJob
from tests.cms.translation.conftest import translate_all


def _approve_all(page, *users):
    state = page.current_workflow_state
    for user in users:
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        state.refresh_from_db()


def test_vi_waits_for_en_then_both_go_out(other_channel, make_user, translator_en, reviewer_en):
    writer = make_user("dofa-writer", "songoaivu: editors")
    colleague = make_user("dofa-colleague", "songoaivu: editors")
    approver = make_user("dofa-approver", "songoaivu: approvers")
    section = SectionPage.objects.child_of(other_channel.home_page).first()
    page = ArticlePageFactory(parent=section, published=False, title="Thông cáo về đoàn khách")
    page.get_workflow().start(page, writer)
    _approve_all(page, colleague, approver)

    page = Page.objects.get(pk=page.pk)
    assert not page.live
    assert HeldPublication.objects.filter(page=page).exists()
    entry = PageLogEntry.objects.filter(page=page, action=completeness.HOLD_ACTION).get()
    assert entry.data["missing"] == ["en"]
    assert "en" in entry.message
    en_job = TranslationJob.objects.get(source_page=page, target_locale__language_code="en")

    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    jobs.approve(en_job, reviewer_en)
    target = en_job.translation.get_target_instance()
    _approve_all(target, approver)

    page = Page.objects.get(pk=page.pk)
    target = Page.objects.get(pk=target.pk)
    assert page.live and target.live
    assert not HeldPublication.objects.exists()
    en_job.refresh_from_db()
    assert en_job.status == TranslationJob.Status.PUBLISHED


def test_sites_without_the_policy_publish_at_once(section, make_user):
    writer = make_user("hm-writer", "hanoimoi: editors")
    colleague = make_user("hm-colleague", "hanoimoi: editors")
    approver = make_user("hm-approver", "hanoimoi: approvers")
    page = ArticlePageFactory(parent=section, published=False)
    page.get_workflow().start(page, writer)
    _approve_all(page, colleague, approver)
    assert Page.objects.get(pk=page.pk).live


def test_bilingual_editor_sends_both_editions_through_approval_together(
    section, make_user, reviewer_en
):
    bilingual = make_user("bilingual", "hanoimoi: editors", "translators: en")
    colleague = make_user("hm-colleague-2", "hanoimoi: editors")
    approver = make_user("hm-approver-2", "hanoimoi: approvers")
    page = ArticlePageFactory(parent=section, published=False, title="Bài song ngữ")
    (en_job,) = jobs.send_to_translation(
        [page],
        ["en"],
        deadline=timezone.now() + datetime.timedelta(hours=2),
        user=bilingual,
        bilingual=True,
    )
    assert en_job.assignee == bilingual and en_job.status == TranslationJob.Status.IN_PROGRESS
    translate_all(en_job, bilingual)
    jobs.submit(en_job, bilingual)
    page.get_workflow().start(page, bilingual)
    _approve_all(page, colleague, approver)
    assert not Page.objects.get(pk=page.pk).live  # waits for its English edition

    jobs.approve(en_job, reviewer_en)
    target = en_job.translation.get_target_instance()
    _approve_all(target, approver)
    assert Page.objects.get(pk=page.pk).live and Page.objects.get(pk=target.pk).live
