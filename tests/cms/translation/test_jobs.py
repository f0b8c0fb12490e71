"""Job lifecycle, permissions, review through the site's workflow, concurrency."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Page

from cms.translation import jobs
from cms.translation.models import TranslationJob
from tests.cms.translation.conftest import translate_all

Status = TranslationJob.Status


def test_send_creates_one_job_per_language_and_draft_targets(send, story):
    created = send(["en", "lo", "km"], note="Cần gấp")
    assert sorted(j.language for j in created) == ["en", "km", "lo"]
    for job in created:
        assert job.status == Status.QUEUED
        assert job.channel.slug == "hanoimoi"
        assert 0 <= job.progress < 100
        target = job.translation.get_target_instance()
        assert not target.live  # nothing goes out before approval
    # sending again does not duplicate open jobs
    assert send(["en"]) == []


def test_full_lifecycle_through_the_site_workflow(en_job, translator_en, reviewer_en, make_user):
    approver = make_user("approver-2", "hanoimoi: approvers")
    jobs.claim(en_job, translator_en)
    assert en_job.status == Status.ASSIGNED and en_job.assignee == translator_en
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    en_job.refresh_from_db()
    assert en_job.progress == 100
    jobs.submit(en_job, translator_en)
    target = en_job.translation.get_target_instance()
    state = target.current_workflow_state
    assert state is not None and state.current_task_state.task.name == "language review: en"
    jobs.approve(en_job, reviewer_en)
    assert en_job.status == Status.APPROVED
    state.refresh_from_db()
    task_state = state.current_task_state
    assert task_state.task.name == "hanoimoi: approval"
    task_state.task.specific.on_action(task_state, approver, "approve")
    target = Page.objects.get(pk=target.pk)
    assert target.live
    en_job.refresh_from_db()
    assert en_job.status == Status.PUBLISHED
    actions = list(en_job.events.values_list("action", flat=True))
    assert actions == ["created", "claimed", "started", "submitted", "approved", "published"]


def test_return_for_changes_needs_a_comment_and_reopens(en_job, translator_en, reviewer_en):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    with pytest.raises(jobs.JobError):
        jobs.return_for_changes(en_job, reviewer_en, "  ")
    jobs.return_for_changes(en_job, reviewer_en, "Tiêu đề chưa đúng")
    assert en_job.status == Status.IN_PROGRESS
    assert en_job.translation.get_target_instance().current_workflow_state is None
    jobs.submit(en_job, translator_en)  # resubmits cleanly
    assert en_job.status == Status.IN_REVIEW


def test_language_review_cannot_be_approved_outside_the_desk(en_job, translator_en, reviewer_en):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    task_state = en_job.translation.get_target_instance().current_workflow_state.current_task_state
    task = task_state.task.specific
    page = task_state.workflow_state.content_object
    assert "approve" not in [a[0] for a in task.get_actions(page, reviewer_en)]
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, reviewer_en, "approve")


def test_permissions_by_language_and_role(
    en_job, translator_en, lao_translator, reviewer_en, make_user
):
    with pytest.raises(PermissionDenied):
        jobs.claim(en_job, lao_translator)  # not their language
    with pytest.raises(PermissionDenied):
        jobs.approve(en_job, translator_en)  # translators do not review
    jobs.claim(en_job, translator_en)
    with pytest.raises(jobs.JobError):
        jobs.assign(en_job, lao_translator, reviewer_en)  # assignee must translate en
    with pytest.raises(PermissionDenied):
        jobs.start(en_job, reviewer_en)  # only the assignee works on it
    both = make_user("both-en", "translators: en", "reviewers: en")
    jobs.assign(en_job, both, reviewer_en)
    jobs.start(en_job, both)
    translate_all(en_job, both)
    jobs.submit(en_job, both)
    with pytest.raises(PermissionDenied):
        jobs.approve(en_job, both)  # never one's own translation


def test_editor_of_another_site_cannot_send(story, make_user, deadline):
    outsider = make_user("outsider", "songoaivu: editors")
    with pytest.raises(PermissionDenied):
        jobs.send_to_translation([story], ["en"], deadline=deadline, user=outsider)


def test_stale_version_is_rejected(en_job, translator_en, other_translator_en, reviewer_en):
    version = en_job.version
    jobs.assign(en_job, translator_en, reviewer_en, version)
    stale = TranslationJob.objects.get(pk=en_job.pk)
    stale.version = version
    with pytest.raises(jobs.ConcurrentChange):
        jobs.assign(stale, other_translator_en, reviewer_en, version)
    en_job.refresh_from_db()
    assert en_job.assignee == translator_en


def test_cancel_closes_and_allows_a_new_job(send, en_job, editor):
    jobs.cancel(en_job, editor)
    assert en_job.status == Status.CANCELLED
    (again,) = send(["en"])
    assert again.pk != en_job.pk
