"""The site approver's screen for a translation the language reviewer approved: the job and its
progress, the desk's checks on what would go live (``gate.problems``, glossary included), the
segments side by side and a preview of the draft; Approve moves the page's workflow on (the
final step publishes through the gate), and a message says what happened, naming the page and
the language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page, TaskState

from cms.translation import gate, memory
from cms.translation import permissions as perms
from cms.translation.models import HeldPublication, TranslationJob

Status = TranslationJob.Status


def awaiting(user) -> list[TranslationJob]:
    """Jobs the language reviewer approved on the sites ``user`` approves, oldest due first."""
    if user.is_superuser:
        jobs = TranslationJob.objects.filter(status=Status.APPROVED)
    else:
        slugs = [slug for slug in perms.site_slugs(user) if perms.approves_site(user, slug)]
        jobs = TranslationJob.objects.filter(status=Status.APPROVED, channel__slug__in=slugs)
    return list(
        jobs.select_related("source_page__locale", "target_locale", "channel", "assignee").order_by(
            "deadline"
        )
    )


def _approvable(request: HttpRequest, job_id: int) -> tuple[TranslationJob, Page, TaskState]:
    """The job, its target page and the workflow task state ``request.user`` may approve."""
    job = get_object_or_404(
        TranslationJob.objects.select_related("source_page", "target_locale", "channel"),
        pk=job_id,
    )
    if not perms.approves_site(request.user, job.channel.slug if job.channel else None):
        raise PermissionDenied
    page = job.translation.get_target_instance()
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    if job.status != Status.APPROVED or task_state is None:
        raise NotWaiting
    actions = {
        name for name, _label, _form in task_state.task.specific.get_actions(page, request.user)
    }
    if "approve" not in actions:
        raise PermissionDenied
    return job, page, task_state


class NotWaiting(Exception):
    """The job is not waiting for the site's approval (not yet reviewed, or already done)."""


def approval(request: HttpRequest, job_id: int) -> HttpResponse:
    try:
        job, page, task_state = _approvable(request, job_id)
    except NotWaiting:
        messages.warning(request, _("This translation is not waiting for your approval."))
        return redirect("desk:job", job_id)
    if request.method == "POST":
        return _approve(request, job, page, task_state)
    total, done = job.translation.get_progress()
    segments = [
        (number, segment.string.data, st.data if st else None)
        for number, (segment, st) in enumerate(memory.job_segments(job), start=1)
    ]
    return TemplateResponse(
        request,
        "desk/approval.html",
        {
            "header_title": _("Approve the translation: %(title)s") % {"title": page.title},
            "job": job,
            "page": page,
            "total": total,
            "done": done,
            "problems": gate.problems(page),
            "segments": segments,
            "source_language": job.source_page.locale.language_code,
            "preview_url": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
            "task": task_state.task,
        },
    )


def _approve(request: HttpRequest, job, page, task_state) -> HttpResponse:
    comment = request.POST.get("comment", "").strip()
    task_state.task.specific.on_action(task_state, request.user, "approve", comment=comment)
    job.refresh_from_db()
    page.refresh_from_db()
    names = {"title": page.title, "language": job.target_locale.get_display_name()}
    if job.status == Status.PUBLISHED:
        messages.success(request, _("“%(title)s” (%(language)s) approved and published.") % names)
    elif (
        page.current_workflow_state is not None
        and page.current_workflow_state.status == "in_progress"
    ):
        messages.success(
            request,
            _("“%(title)s” (%(language)s) approved; it goes on to the next step.") % names,
        )
    elif HeldPublication.objects.filter(page=page).exists():
        messages.success(
            request,
            _(
                "“%(title)s” (%(language)s) approved; it goes live with the story's other "
                "editions, when they are approved."
            )
            % names,
        )
    else:
        found = gate.problems(page)
        messages.warning(
            request,
            _("“%(title)s” (%(language)s) approved but not published: %(reason)s")
            % {**names, "reason": "; ".join(found) if found else _("see the page's history")},
        )
    return redirect("desk:index")
