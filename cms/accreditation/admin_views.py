"""The press office's queue in the admin: the requests of the officer's sites by state, one
request with its history and the reply form, and its press card (served from private storage,
never cached, never shown inline)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.accreditation import badges, workflow
from cms.accreditation.forms import ReplyForm
from cms.accreditation.models import AccreditationRequest
from cms.accreditation.permissions import event_for, is_press_officer, request_for
from cms.press.models import PressEventPage
from locales import registry

Status = AccreditationRequest.Status
OPEN = (Status.RECEIVED, Status.IN_REVIEW, Status.INFORMATION_REQUESTED)
PAGE_SIZE = 100


@never_cache
def queue(request: HttpRequest) -> HttpResponse:
    if not is_press_officer(request.user):
        raise PermissionDenied
    visible = AccreditationRequest.objects.for_officer(request.user)
    chosen = request.GET.get("status", "open")
    counts = dict(visible.values_list("status").annotate(n=Count("pk")).order_by())
    listed = visible.select_related("channel")
    if chosen == "open":
        listed = listed.filter(status__in=OPEN).order_by("created_at")
    elif chosen in Status.values:
        listed = listed.filter(status=chosen)
    tabs = [("open", _("Open"), sum(counts.get(s, 0) for s in OPEN))]
    tabs += [(s.value, str(s.label), counts.get(s.value, 0)) for s in Status]
    return TemplateResponse(
        request,
        "accreditation/admin/queue.html",
        {"requests": listed[:PAGE_SIZE], "tabs": tabs, "chosen": chosen},
    )


@never_cache
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = request_for(request.user, pk)
    form = ReplyForm(request.POST or None, request=item)
    if request.method == "POST":
        if item.erased_at is not None:
            messages.error(request, _("This request's personal data was erased; it is closed."))
            return redirect("accreditation_detail", pk=item.pk)
        if form.is_valid():
            workflow.step(
                item,
                request.user,
                status=form.cleaned_data["status"],
                message=form.cleaned_data["message"],
            )
            messages.success(
                request,
                _("Saved. The journalist is being e-mailed in %(language)s.")
                % {"language": item.get_language_display()},
            )
            return redirect("accreditation_detail", pk=item.pk)
    return TemplateResponse(
        request,
        "accreditation/admin/detail.html",
        {
            "item": item,
            "form": form,
            "history": item.history.select_related("author"),
            "events": item.events.all(),
        },
    )


@never_cache
def press_card(request: HttpRequest, pk: int) -> FileResponse:
    item = request_for(request.user, pk)
    if not item.press_card:
        raise Http404
    extension = (item.press_card.name or "").rsplit(".", 1)[-1]
    response = FileResponse(
        item.press_card.open("rb"),
        as_attachment=True,
        filename=f"press-card-{item.reference}.{extension}",
        content_type=item.press_card_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@never_cache
def events(request: HttpRequest) -> HttpResponse:
    """The officer's sites' events (Vietnamese pages) with their approved journalists."""
    if not is_press_officer(request.user):
        raise PermissionDenied
    visible = AccreditationRequest.objects.for_officer(request.user)
    listed = (
        PressEventPage.objects.filter(
            accreditation_requests__in=visible, locale__language_code=registry.SOURCE_LANGUAGE
        )
        .annotate(
            requests=Count("accreditation_requests", distinct=True),
            accredited=Count(
                "accreditation_requests",
                filter=Q(
                    accreditation_requests__status=Status.APPROVED,
                    accreditation_requests__erased_at__isnull=True,
                ),
                distinct=True,
            ),
        )
        .order_by("-starts_at")
    )
    return TemplateResponse(request, "accreditation/admin/events.html", {"events": listed})


@never_cache
def badge_list(request: HttpRequest, event_id: int, kind: str) -> HttpResponse:
    """The approved journalists of an event as CSV or PDF, always downloaded."""
    event = event_for(request.user, event_id)
    if kind == "csv":
        content, mimetype = badges.as_csv(event), "text/csv; charset=utf-8"
    else:
        content, mimetype = badges.as_pdf(event), "application/pdf"
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="badges-{event.pk}.{kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
