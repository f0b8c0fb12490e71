"""Admin views of the translation desk: its home, job page and actions, send to translation,
the page × language status view, the story timeline, memory and glossary exchange. The
listings (jobs, queues, memory, glossary) are in ``viewsets``, the lag report in ``reports``."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Page

from cms.translation import (
    approval,
    editing,
    exchange,
    glossary,
    jobs,
    localize_adapter,
    memory,
    notifications,
    policy,
    segment_checks,
    status,
)
from cms.translation import permissions as perms
from cms.translation.forms import (
    ApproveForm,
    AssignForm,
    ReturnForm,
    SendForm,
    UploadForm,
    VersionForm,
    language_choices,
)
from cms.translation.models import Notification, TranslationJob
from locales import registry
from sites.models import Channel


def index(request: HttpRequest) -> HttpResponse:
    """My jobs, the jobs I sent, those waiting for my review, and the queues, status pages and
    reports this user may open (and no others)."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    languages = perms.desk_languages(request.user)
    if not languages and not perms.site_slugs(request.user) and not request.user.is_superuser:
        raise PermissionDenied
    my_jobs = (
        TranslationJob.objects.open()
        .filter(assignee=request.user)
        .select_related("source_page__locale", "target_locale", "channel")
        .order_by("deadline")
    )
    sent = (
        TranslationJob.objects.open()
        .filter(requested_by=request.user)
        .exclude(assignee=request.user)
        .select_related("source_page__locale", "target_locale", "channel", "assignee")
        .order_by("deadline")
    )
    review = (
        TranslationJob.objects.filter(
            status=TranslationJob.Status.IN_REVIEW,
            target_locale__language_code__in=perms.reviewer_languages(request.user),
        )
        .exclude(assignee=request.user)
        .select_related("source_page__locale", "target_locale", "channel", "assignee")
        .order_by("deadline")
    )
    return TemplateResponse(
        request,
        "desk/index.html",
        {
            "header_title": _("Translation desk"),
            "languages": language_choices(languages) if languages else [],
            "my_jobs": my_jobs,
            "sent_jobs": sent,
            "review_jobs": review,
            "approval_jobs": approval.awaiting(request.user),
            "channels": Channel.objects.active().filter(slug__in=perms.site_slugs(request.user))
            if not request.user.is_superuser
            else Channel.objects.active(),
            "notifications": notifications.unread(request.user),
            "unread": request.user.desk_notifications.filter(read_at__isnull=True).count(),
            "reviews": bool(perms.reviewer_languages(request.user)),
            # the lag report is for the sites' own staff and oversight (reports.LagReportView)
            "lag": request.user.is_superuser or bool(perms.site_slugs(request.user)),
        },
    )


def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.viewable(request.user, job_id)
    user = request.user
    source_language = job.translation.source.locale.language_code
    terms = glossary.terms_for(source_language, job.language)
    segments = []
    for number, (segment, st) in enumerate(memory.job_segments(job), start=1):
        text = segment.string.data
        segments.append(
            {
                "number": number,
                "source": text,
                "translation": st,
                "matches": memory.lookup(text, source_language, job.language) if st is None else [],
                "terms": glossary.terms_in(text, terms),
            }
        )
    try:
        target_edit_url = job.translation.get_target_instance_edit_url()
    except ObjectDoesNotExist:  # the target page was deleted (the job was cancelled then)
        target_edit_url = None
    return TemplateResponse(
        request,
        "desk/job.html",
        {
            "header_title": job.source_page.title,
            "job": job,
            "source_language": source_language,
            "segments": segments,
            "checks": segment_checks.job_results(job),
            "events": job.events.select_related("actor"),
            "target_edit_url": target_edit_url,
            "version_form": VersionForm(initial={"version": job.version}),
            "assign_form": AssignForm(initial={"version": job.version}, language=job.language),
            "return_form": ReturnForm(initial={"version": job.version}),
            "approve_form": ApproveForm(initial={"version": job.version}),
            "can": {
                "claim": job.status == TranslationJob.Status.QUEUED and perms.can_claim(user, job),
                "translate": perms.can_translate(user, job),
                "review": perms.can_review(user, job)
                and job.status == TranslationJob.Status.IN_REVIEW,
                "manage": perms.can_manage(user, job) and job.is_open,
                "approve_site": job.status == TranslationJob.Status.APPROVED
                and perms.approves_site(user, job.channel.slug if job.channel else None),
            },
            "compare_url": reverse("desk:source_changes", args=[job.pk])
            if job.source_revision_id and job.changed_revision_id
            else None,
        },
    )


class SourceChangesView(localize_adapter.RevisionsCompareView):
    """What changed in the source since the job's translation was made: Wagtail's revision
    comparison of the source page, open to whoever may see the job (translators and reviewers
    of its language may not open the Vietnamese page's own history)."""

    page_title = gettext_lazy("What changed in the source")
    header_icon = "doc-empty-inverse"

    def setup(self, request: HttpRequest, job_id: int) -> None:
        self.job = jobs.viewable(request.user, job_id)
        if not (self.job.source_revision_id and self.job.changed_revision_id):
            raise Http404
        super().setup(
            request,
            self.job.source_page_id,
            self.job.source_revision_id,
            self.job.changed_revision_id,
        )

    def get_object(self, queryset=None) -> Page:
        return self.job.source_page.specific

    def get_edit_handler(self):
        return self.object.get_edit_handler()

    def get_page_subtitle(self) -> str:
        return self.object.get_admin_display_title()

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            {"url": reverse("desk:index"), "label": _("Translation desk")},
            {"url": reverse("desk:job", args=[self.job.pk]), "label": self.get_page_subtitle()},
            {"url": "", "label": self.get_page_title()},
        ]


source_changes = SourceChangesView.as_view()


@require_POST
def job_action(request: HttpRequest, job_id: int, action: str) -> HttpResponse:
    job = jobs.viewable(request.user, job_id)
    user = request.user
    version_form = VersionForm(request.POST)
    version = version_form.cleaned_data["version"] if version_form.is_valid() else None
    if version is None:
        messages.error(request, _("The form was incomplete; nothing was saved."))
        return redirect("desk:job", job.pk)
    try:
        if action == "translate":
            return _translate(request, job, version)
        if action == "claim":
            jobs.claim(job, user, version)
        elif action == "start":
            jobs.start(job, user, version)
        elif action == "submit":
            jobs.submit(job, user, version)
        elif action == "cancel":
            jobs.cancel(job, user, version)
        elif action == "assign":
            form = AssignForm(request.POST, language=job.language)
            if not form.is_valid():
                raise jobs.JobError(_("Choose a translator of this language."))
            jobs.assign(job, form.cleaned_data["assignee"], user, version)
        elif action == "return":
            jobs.return_for_changes(job, user, request.POST.get("comment", ""), version)
        elif action == "approve":
            jobs.approve(job, user, version, request.POST.get("override_reason", ""))
        elif action == "apply-memory":
            if not perms.can_translate(user, job):
                raise PermissionDenied
            blocker = editing.blocker(user, job.translation, job)
            if blocker:
                raise jobs.JobError(blocker)
            count = memory.apply_exact_matches(job, user)
            jobs.refresh_progress(job)
            messages.success(
                request,
                _("%(count)s segments filled from the translation memory.") % {"count": count},
            )
            return redirect(
                localize_adapter.next_url(request) or reverse("desk:job", args=[job.pk])
            )
        else:
            raise Http404
    except glossary.GlossaryBlocked as blocked:
        messages.error(
            request,
            _(
                "Blocked by the glossary check: %(findings)s. "
                "Fix the translation or give a reason to override."
            )
            % {"findings": "; ".join(f.describe() for f in blocked.findings)},
        )
    except jobs.JobError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Job updated: %(status)s.") % {"status": job.get_status_display()}
        )
    return redirect("desk:job", job.pk)


def _translate(request: HttpRequest, job: TranslationJob, version: int) -> HttpResponse:
    """Claim (when queued) and start (when assigned) in one step, then open the workbench."""
    if job.status == TranslationJob.Status.QUEUED:
        jobs.claim(job, request.user, version)
        version = job.version
    if job.status in (TranslationJob.Status.ASSIGNED, TranslationJob.Status.SOURCE_CHANGED):
        jobs.start(job, request.user, version)
    elif not perms.can_translate(request.user, job):
        raise PermissionDenied
    return redirect("desk:workbench", job.pk)


def send(request: HttpRequest) -> HttpResponse:
    """Send one page, a selection (``?page=1&page=2``) or a subtree to translation."""
    ids = [
        int(pk) for pk in request.GET.getlist("page") + request.POST.getlist("page") if pk.isdigit()
    ]
    pages = list(Page.objects.filter(pk__in=ids, locale__language_code=registry.SOURCE_LANGUAGE))
    if not pages:
        raise Http404
    limits = []
    for page in pages:
        channel = Channel.objects.for_page(page)
        if not perms.can_send(request.user, channel.slug if channel else None):
            raise PermissionDenied
        limits.append(policy.latest_deadline(channel))
    form = SendForm(request.POST or None, latest=min((t for t in limits if t), default=None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        selected = {page.pk: page for page in pages}
        if data["include_subtree"]:
            for page in pages:
                for child in page.get_descendants().filter(
                    locale__language_code=registry.SOURCE_LANGUAGE
                ):
                    selected.setdefault(child.pk, child)
        try:
            created = jobs.send_to_translation(
                selected.values(),
                data["languages"],
                deadline=data["deadline"],
                priority=data["priority"],
                note=data["note"],
                user=request.user,
                bilingual=data["bilingual"],
            )
        except jobs.JobError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(count)s translation jobs created.") % {"count": len(created)}
            )
            return redirect("desk:index")
    return TemplateResponse(
        request,
        "desk/send.html",
        {"header_title": _("Send to translation"), "pages": pages, "form": form},
    )


def status_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Every page of a site × every edition: current, out of date, in progress or missing."""
    channel = get_object_or_404(Channel, slug=slug)
    if not (
        request.user.is_superuser
        or slug in perms.site_slugs(request.user)
        or perms.desk_languages(request.user)
    ):
        raise PermissionDenied
    matrix = status.site_matrix(channel)
    languages = _read_languages(request.user, slug)
    if languages is not None:
        for row in matrix:
            row.cells = [cell for cell in row.cells if cell[0] in languages]
    return TemplateResponse(
        request,
        "desk/status.html",
        {
            "header_title": _("Translation status: %(site)s") % {"site": channel.name},
            "channel": channel,
            "matrix": matrix,
            "columns": [
                code
                for code in registry.TARGET_CODES
                if code in channel.editions and (languages is None or code in languages)
            ],
        },
    )


def _read_languages(user, slug: str | None) -> set[str] | None:
    """The editions a translator or reviewer (not of the site's own staff) may follow; None
    for everyone else, who sees them all."""
    if user.is_superuser or (slug and slug in perms.site_slugs(user)):
        return None
    if user.has_perm("editorial.view_oversight"):
        return None
    return set(perms.desk_languages(user)) | {registry.SOURCE_LANGUAGE}


def story(request: HttpRequest, page_id: int) -> HttpResponse:
    """One timeline per story: every edition's writing, translation, review and publication."""
    page = get_object_or_404(Page, pk=page_id)
    channel = Channel.objects.for_page(page)
    if not (
        request.user.is_superuser
        or (channel and channel.slug in perms.site_slugs(request.user))
        or perms.desk_languages(request.user)
        or request.user.has_perm("editorial.view_oversight")
    ):
        raise PermissionDenied
    languages = _read_languages(request.user, channel.slug if channel else None)
    return TemplateResponse(
        request,
        "desk/story.html",
        {
            "header_title": _("Story timeline: %(title)s") % {"title": page.title},
            "entries": [
                entry
                for entry in status.timeline(page)
                if languages is None or entry.language in languages
            ],
        },
    )


def _reviewer_languages(request: HttpRequest) -> set[str]:
    """The languages ``request.user`` reviews; refused when there are none."""
    languages = perms.reviewer_languages(request.user)
    if not languages:
        raise PermissionDenied
    return languages


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def memory_export(request: HttpRequest) -> HttpResponse:
    languages = _reviewer_languages(request)
    return _download(
        exchange.export_tmx(languages), "application/x-tmx+xml", "translation-memory.tmx"
    )


def glossary_export(request: HttpRequest) -> HttpResponse:
    languages = _reviewer_languages(request)
    return _download(exchange.export_tbx(languages), "application/x-tbx+xml", "glossary.tbx")


def exchange_import(request: HttpRequest, kind: str) -> HttpResponse:
    """Upload a TMX (memory) or TBX (glossary) file: all entries or none."""
    languages = _reviewer_languages(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        importer = exchange.import_tmx if kind == "tmx" else exchange.import_tbx
        try:
            count = importer(
                form.cleaned_data["file"].read(),
                languages,
                request.user,
            )
        except exchange.ExchangeError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(count)s entries imported.") % {"count": count})
            return redirect("desk_memory:index" if kind == "tmx" else "desk_glossary:index")
    return TemplateResponse(
        request,
        "desk/import.html",
        {
            "header_title": _("Import translation memory (TMX)")
            if kind == "tmx"
            else _("Import glossary (TBX)"),
            "form": form,
        },
    )


@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one of the user's own notifications as read (anyone else's is not found)."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(localize_adapter.next_url(request) or reverse("desk:index"))


@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    """Mark every unread notification of the user as read."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    count = request.user.desk_notifications.filter(read_at__isnull=True).update(
        read_at=timezone.now()
    )
    messages.success(request, _("%(count)s notifications marked as read.") % {"count": count})
    return redirect(localize_adapter.next_url(request) or reverse("desk:index"))
