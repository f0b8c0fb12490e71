"""The job lifecycle: send to translation, claim, assign, start, submit for review, approve,
return, cancel; plus progress from wagtail-localize's string translations.

Every transition checks the caller's permission and the job's version (optimistic locking), so
two people acting on the same job never silently overwrite each other."""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.translation import (
    gate,
    glossary,
    localize_adapter,
    memory,
    notifications,
    segment_checks,
    sync,
)
from cms.translation import permissions as perms
from cms.translation.models import JobEvent, LanguageReviewTask, TranslationJob
from locales import registry
from sites import roles
from sites.models import Channel

Status = TranslationJob.Status


class JobError(Exception):
    """A transition that cannot happen; the message is translated and shown to the user."""


class ConcurrentChange(JobError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this job meanwhile; reload it and try again. "
                "Nothing was saved."
            )
        )


def _log(job: TranslationJob, actor, action: str, comment: str = "") -> None:
    JobEvent.objects.create(job=job, actor=actor, action=action, status=job.status, comment=comment)


# Set while a caller that refreshes the job's figures itself saves translations (the segment
# editor): the per-translation refresh on post_save is then skipped.
_REFRESH_DEFERRED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "desk_refresh_deferred", default=False
)


@contextmanager
def refresh_deferred() -> Iterator[None]:
    """Saved translations do not refresh their job's figures inside this block; the caller
    stores them (``store_figures``)."""
    token = _REFRESH_DEFERRED.set(True)
    try:
        yield
    finally:
        _REFRESH_DEFERRED.reset(token)


def refresh_is_deferred() -> bool:
    return _REFRESH_DEFERRED.get()


def store_figures(job: TranslationJob, progress: int, check_failures: int) -> None:
    """Store the progress and failing-check count a caller computed (as ``refresh_progress``
    would)."""
    job.progress, job.check_failures = progress, check_failures
    TranslationJob.objects.filter(pk=job.pk).update(
        progress=progress, check_failures=check_failures
    )


def refresh_progress(job: TranslationJob) -> int:
    """The job's progress (translated segments, %) and its count of segments failing a check.
    A suggestion the translator has not confirmed is not saved, and a machine translation is a
    draft until a person saves it (``workbench``): neither counts."""
    total, done = job.translation.get_progress()
    done -= StringTranslation.objects.filter(
        locale_id=job.target_locale_id,
        context__object_id=job.translation.source.object_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        has_error=False,
    ).count()
    done = max(done, 0)
    job.progress = 100 if total == 0 else int(done * 100 / total)
    TranslationJob.objects.filter(pk=job.pk).update(progress=job.progress)
    segment_checks.refresh_failures(job)
    return job.progress


@transaction.atomic
def send_to_translation(
    pages: Iterable[Page],
    languages: Iterable[str],
    *,
    deadline: datetime.datetime,
    priority: int = TranslationJob.Priority.NORMAL,
    note: str = "",
    user=None,
    check_permission: bool = True,
    bilingual: bool = False,
) -> list[TranslationJob]:
    """Create one job per page and target language (skipping pairs that already have an open
    job), with the wagtail-localize translation and draft target page behind each.

    ``bilingual``: the sender writes the editions they translate themselves, in the same
    sitting; those jobs start assigned to them and go out together with the source."""
    languages = list(languages)
    locales = sorted(
        Locale.objects.filter(language_code__in=languages),
        key=lambda locale: languages.index(locale.language_code),
    )
    jobs = []
    for page in pages:
        page = page.specific
        if page.locale.language_code != registry.SOURCE_LANGUAGE:
            raise JobError(_("Only Vietnamese source pages can be sent to translation."))
        channel = Channel.objects.for_page(page)
        if check_permission and not perms.can_send(user, channel.slug if channel else None):
            raise PermissionDenied
        wanted = [
            locale
            for locale in locales
            if channel is None or locale.language_code in channel.editions
        ]
        open_codes = set(
            TranslationJob.objects.open()
            .filter(source_page=page, target_locale__in=wanted)
            .values_list("target_locale__language_code", flat=True)
        )
        wanted = [locale for locale in wanted if locale.language_code not in open_codes]
        if not wanted:
            continue
        TranslationSource.update_or_create_from_instance(page)
        localize_adapter.create_translations(user, wanted, page)
        source = localize_adapter.source_for(page)
        translations = {
            translation.target_locale_id: translation
            for translation in Translation.objects.filter(source=source, target_locale__in=wanted)
        }
        for translation in (translations[loc.pk] for loc in wanted if loc.pk in translations):
            job = TranslationJob.objects.create(
                translation=translation,
                source_page=page,
                target_locale=translation.target_locale,
                channel=channel,
                deadline=deadline,
                priority=priority,
                note=note,
                requested_by=user,
                source_revision=page.live_revision,
            )
            refresh_progress(job)
            _log(job, user, "created", note)
            if bilingual and job.language in perms.translator_languages(user):
                _transition(
                    job,
                    None,
                    (Status.QUEUED,),
                    assignee=user,
                    status=Status.IN_PROGRESS,
                    together=True,
                )
                _log(job, user, "bilingual")
            else:
                notifications.notify(
                    roles.members(roles.Role.TRANSLATORS, language=job.language).exclude(
                        pk=getattr(user, "pk", None)
                    ),
                    notifications.QUEUED,
                    job,
                )
            jobs.append(job)
    return jobs


def _transition(job: TranslationJob, version: int | None, allowed, **changes) -> None:
    if job.status not in allowed:
        raise JobError(
            _("This job is %(status)s; that action is not possible now.")
            % {"status": job.get_status_display()}
        )
    current = job.version if version is None else version
    changes["version"] = current + 1
    changes["updated_at"] = timezone.now()
    if not TranslationJob.objects.filter(pk=job.pk, version=current).update(**changes):
        raise ConcurrentChange
    for name, value in changes.items():
        setattr(job, name, value)


@transaction.atomic
def claim(job: TranslationJob, user, version: int | None = None) -> None:
    if not perms.can_claim(user, job):
        raise PermissionDenied
    if job.assignee_id not in (None, user.pk):
        raise JobError(_("This job is already assigned to someone else."))
    _transition(
        job,
        version,
        (Status.QUEUED, Status.SOURCE_CHANGED),
        assignee=user,
        status=Status.ASSIGNED if job.status == Status.QUEUED else job.status,
    )
    _log(job, user, "claimed")


@transaction.atomic
def assign(job: TranslationJob, assignee, user, version: int | None = None) -> None:
    if not perms.can_manage(user, job):
        raise PermissionDenied
    if job.language not in perms.translator_languages(assignee):
        raise JobError(_("%(user)s does not translate into this language.") % {"user": assignee})
    _transition(
        job,
        version,
        (Status.QUEUED, Status.ASSIGNED, Status.IN_PROGRESS, Status.SOURCE_CHANGED),
        assignee=assignee,
        status=Status.ASSIGNED if job.status != Status.SOURCE_CHANGED else job.status,
    )
    _log(job, user, "assigned", str(assignee))
    notifications.notify([assignee], notifications.ASSIGNED, job)


@transaction.atomic
def start(job: TranslationJob, user, version: int | None = None) -> None:
    """The assignee starts (or, after a source change, resumes) work; a changed source is
    synchronised into the translation first, keeping every existing translated segment."""
    if not perms.can_translate(user, job):
        raise PermissionDenied
    if job.status == Status.SOURCE_CHANGED:
        sync_source(job, user)
    _transition(job, version, (Status.ASSIGNED, Status.SOURCE_CHANGED), status=Status.IN_PROGRESS)
    _log(job, user, "started")


def sync_source(job: TranslationJob, user) -> None:
    sync.update_source(job.translation.source)
    job.translation.save_target(user=user, publish=False)
    refresh_progress(job)


def _target_page(job: TranslationJob) -> Page:
    return job.translation.get_target_instance()


def _refuse_unready(page: Page) -> None:
    """Submit and approve refuse what the publication gate would refuse (the glossary aside,
    which approval checks with its own override), naming each problem; nothing is saved."""
    found = gate.problems(page, with_glossary=False)
    if found:
        raise JobError(_("Not ready for review: %(problems)s.") % {"problems": "; ".join(found)})


@transaction.atomic
def submit(job: TranslationJob, user, version: int | None = None) -> None:
    """The translator asks for review: the draft target page is saved and the site's
    translation workflow starts (its first step is this language's review)."""
    if not perms.can_translate(user, job):
        raise PermissionDenied
    _transition(job, version, (Status.IN_PROGRESS,), status=Status.IN_REVIEW)
    job.translation.save_target(user=user, publish=False)
    refresh_progress(job)
    page = _target_page(job)
    _refuse_unready(page)
    workflow = page.get_workflow()
    if workflow is not None and page.current_workflow_state is None:
        workflow.start(page, user)
    _log(job, user, "submitted")
    notifications.notify(
        roles.members(roles.Role.REVIEWERS, language=job.language).exclude(pk=user.pk),
        notifications.REVIEW_REQUESTED,
        job,
    )


@transaction.atomic
def approve(
    job: TranslationJob, user, version: int | None = None, override_reason: str = ""
) -> None:
    """The language reviewer approves. A glossary finding blocks approval unless the reviewer
    gives a reason, which is logged. Approved segments go into the translation memory and the
    workflow moves on to the site's approvers."""
    if not perms.can_review(user, job):
        raise PermissionDenied
    _refuse_unready(_target_page(job))
    findings = glossary.check_job(job)
    if findings and not override_reason.strip():
        raise glossary.GlossaryBlocked(findings)
    _transition(job, version, (Status.IN_REVIEW,), status=Status.APPROVED)
    if findings:
        glossary.log_override(job, user, override_reason, findings)
        _log(job, user, "glossary_override", override_reason)
        log(
            instance=_target_page(job),
            action=GLOSSARY_OVERRIDE_ACTION,
            user=user,
            data={"reason": override_reason, "findings": [f.describe() for f in findings]},
        )
    memory.record_job(job, reviewer=user)
    _log(job, user, "approved")
    notifications.notify(
        [u for u in (job.assignee, job.requested_by) if u is not None and u.pk != user.pk],
        notifications.APPROVED,
        job,
    )
    page = _target_page(job)
    state = page.current_workflow_state
    if state is None and page.get_workflow() is not None:
        state = page.get_workflow().start(page, job.assignee or user)
    task_state = state.current_task_state if state else None
    if task_state is not None and isinstance(task_state.task.specific, LanguageReviewTask):
        task_state.approve(user=user, comment=_("Approved at the translation desk"))


@transaction.atomic
def return_for_changes(job: TranslationJob, user, comment: str, version: int | None = None) -> None:
    if not perms.can_review(user, job):
        raise PermissionDenied
    if not comment.strip():
        raise JobError(_("Say what needs changing."))
    _transition(job, version, (Status.IN_REVIEW,), status=Status.IN_PROGRESS)
    state = _target_page(job).current_workflow_state
    if state is not None:
        state.cancel(user=user)
    _log(job, user, "returned", comment)
    notifications.notify([job.assignee], notifications.RETURNED, job, comment)


@transaction.atomic
def cancel(job: TranslationJob, user, version: int | None = None) -> None:
    if not perms.can_manage(user, job):
        raise PermissionDenied
    _transition(
        job,
        version,
        tuple(s for s in Status if s not in TranslationJob.CLOSED),
        status=Status.CANCELLED,
    )
    _log(job, user, "cancelled")


def set_deadline_by_limit(job: TranslationJob, deadline: datetime.datetime, user=None) -> None:
    """The site's time limit sets the job's deadline."""
    _transition(job, None, (job.status,), deadline=deadline)
    _log(job, user, "deadline", _("Deadline set by the site's time limit."))


def mark_published(page: Page, user=None) -> None:
    """A translated page was published: its approved job is done."""
    for job in TranslationJob.objects.filter(
        translation__source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        status=Status.APPROVED,
    ).select_related("source_page"):
        source_published = job.source_page.last_published_at
        lag = timezone.now() - source_published if source_published else None
        _transition(job, None, (Status.APPROVED,), status=Status.PUBLISHED, published_lag=lag)
        _log(
            job,
            user,
            "published",
            _("%(lag)s after the source") % {"lag": str(lag).split(".")[0]} if lag else "",
        )


def mark_source_changed(page: Page, revision) -> list[TranslationJob]:
    """The source page was republished with changes: per language, the open job (or else the
    latest published one) moves to "source changed", remembering the revision to compare."""
    latest: dict[int, TranslationJob] = {}
    jobs = (
        TranslationJob.objects.filter(source_page=page)
        .exclude(status=Status.CANCELLED)
        .select_related("assignee", "target_locale", "source_page")
        .order_by("created_at")
    )
    for job in jobs:
        current = latest.get(job.target_locale_id)
        if current is None or current.status == Status.PUBLISHED:
            latest[job.target_locale_id] = job
    changed = []
    for job in latest.values():
        if job.status == Status.SOURCE_CHANGED:
            continue
        _transition(
            job, None, (job.status,), status=Status.SOURCE_CHANGED, changed_revision=revision
        )
        _log(job, None, "source_changed")
        notifications.notify([job.assignee], notifications.SOURCE_CHANGED, job)
        changed.append(job)
    return changed


GLOSSARY_BLOCK_ACTION = "desk.glossary_blocked"
#: In the page's history (and the audit log): approved despite glossary findings, with why.
GLOSSARY_OVERRIDE_ACTION = "desk.glossary_override"


def glossary_blocks_publication(page: Page, user=None) -> bool:
    """The check at publication: if the approved job's translation now has glossary findings
    that no reviewer overrode, log them on the page, send the job back to review and say so."""
    job = (
        TranslationJob.objects.filter(
            translation__source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            status=Status.APPROVED,
        )
        .select_related("translation__source__locale", "target_locale", "source_page")
        .first()
    )
    if job is None:
        return False
    overridden = {
        (f["segment"], f["term"], f["kind"])
        for override in job.overrides.all()
        for f in override.findings
    }
    findings = [f for f in glossary.check_job(job) if (f.segment, f.term, f.kind) not in overridden]
    if not findings:
        return False
    _transition(job, None, (Status.APPROVED,), status=Status.IN_REVIEW)
    described = [f.describe() for f in findings]
    _log(job, user, "glossary_blocked", "; ".join(described))
    log(instance=page, action=GLOSSARY_BLOCK_ACTION, user=user, data={"findings": described})
    notifications.notify(
        roles.members(roles.Role.REVIEWERS, language=job.language),
        notifications.REVIEW_REQUESTED,
        job,
    )
    return True


def gate_blocks_publication(page: Page, user=None) -> bool:
    """The publication gate at the workflow's final approval: if the approved translation now
    fails the desk's checks, write the problems to the page's history, give the job back to its
    translator with them, and say so (nothing is published)."""
    found = gate.problems(page)
    if not found:
        return False
    gate.log_refusal(page, user, found, page.get_latest_revision())
    job = (
        TranslationJob.objects.open()
        .filter(
            translation__source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            status__in=(Status.APPROVED, Status.IN_REVIEW),
        )
        .select_related("assignee", "target_locale", "source_page")
        .first()
    )
    if job is not None:
        comment = "; ".join(found)
        _transition(job, None, (job.status,), status=Status.IN_PROGRESS)
        _log(job, user, "publication_refused", comment)
        notifications.notify([job.assignee], notifications.RETURNED, job, comment)
    return True


def viewable(user: roles.AnyUser, job_id: int) -> TranslationJob:
    """The job ``job_id`` with what the desk's screens show of it; 404 if there is none, 403 if
    ``user`` may not see it."""
    job = get_object_or_404(
        TranslationJob.objects.select_related(
            "source_page", "target_locale", "assignee", "channel", "translation__source__locale"
        ),
        pk=job_id,
    )
    if not perms.can_view_job(user, job):
        raise PermissionDenied
    return job
