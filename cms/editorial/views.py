"""Admin views: force publish with a reason; the oversight report."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from cms.core import publishing
from cms.editorial.forms import ForcePublishForm
from cms.editorial.models import ForcePublication, OversightNotice
from cms.editorial.notices import notify_oversight
from cms.editorial.permissions import can_force_publish, can_view_oversight
from sites.models import Channel, Reorganisation

FORCE_PUBLISH_ACTION = "editorial.force_publish"
OVERSIGHT_ENTRIES = 200


def lock_holder(page: Page, user) -> str | None:
    """The name of whoever else holds a lock on ``page``, or None when ``user`` may go ahead.
    A lock taken by a person is respected; the workflow's own lock is what force publishing
    bypasses, so it is not."""
    if not page.locked or page.locked_by_id == user.pk:
        return None
    holder = page.locked_by
    return (holder.get_full_name() or holder.get_username()) if holder else "—"


def force_publish(request: HttpRequest, page_id: int) -> HttpResponse:
    """Publish the latest revision of a page without its workflow's approval. Needs a category
    and a sentence of reason, stored with the publication, written to the page's history and
    sent to oversight staff. Refused while another user holds the page's lock."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not (request.user.is_authenticated and can_force_publish(request.user, page)):
        raise PermissionDenied
    holder = lock_holder(page, request.user)
    form = ForcePublishForm(request.POST or None)
    if request.method == "POST" and holder is None and form.is_valid():
        category, reason = form.cleaned_data["category"], form.cleaned_data["reason"]
        with transaction.atomic():
            revision = page.get_latest_revision() or page.save_revision(user=request.user)
            workflow_state = page.current_workflow_state
            if workflow_state is not None:
                workflow_state.cancel(user=request.user)
            with publishing.route(publishing.FORCED):
                revision.publish(user=request.user, skip_permission_checks=True)
            record = ForcePublication.objects.create(
                page=page, revision=revision, user=request.user, category=category, reason=reason
            )
            log(
                instance=page,
                action=FORCE_PUBLISH_ACTION,
                user=request.user,
                revision=revision,
                data={"category": category, "reason": reason},
            )
            notify_oversight(record)
        messages.success(
            request, _("'%(title)s' was published without approval.") % {"title": page.title}
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    lock_message = (
        _("%(user)s holds the lock on this page: it cannot be published until they unlock it.")
        % {"user": holder}
        if holder
        else ""
    )
    return TemplateResponse(
        request,
        "editorial/force_publish.html",
        {
            "page": page,
            "form": form,
            "lock_message": lock_message,
            "header_title": _("Force publish"),
        },
        status=409 if holder and request.method == "POST" else 200,
    )


def oversight(request: HttpRequest) -> HttpResponse:
    """Read-only: every site with its editions, and who published what, when, in which language."""
    if not can_view_oversight(request.user):
        raise PermissionDenied
    OversightNotice.objects.filter(recipient_id=request.user.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    entries = (
        PageLogEntry.objects.filter(action__in=["wagtail.publish", FORCE_PUBLISH_ACTION])
        .select_related("user", "page__locale")
        .order_by("-timestamp")[:OVERSIGHT_ENTRIES]
    )
    return TemplateResponse(
        request,
        "editorial/oversight.html",
        {
            "channels": Channel.objects.active().select_related("site"),
            "entries": entries,
            "header_title": _("Oversight"),
            "force_publications": ForcePublication.objects.select_related("page", "user")[:50],
            "reorganisations": Reorganisation.objects.all(),
        },
    )
