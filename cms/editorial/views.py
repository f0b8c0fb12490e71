"""Admin views: force publish with a reason; the oversight report."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from cms.core import publishing
from cms.editorial.forms import ForcePublishForm
from cms.editorial.models import ForcePublication
from cms.editorial.permissions import can_force_publish, can_view_oversight
from sites.models import Channel, Reorganisation

FORCE_PUBLISH_ACTION = "editorial.force_publish"
OVERSIGHT_ENTRIES = 200


def force_publish(request: HttpRequest, page_id: int) -> HttpResponse:
    """Publish the latest revision of a page without its workflow's approval. Needs a reason,
    which is stored and written to the page's history."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not (request.user.is_authenticated and can_force_publish(request.user, page)):
        raise PermissionDenied
    form = ForcePublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        with transaction.atomic():
            revision = page.get_latest_revision() or page.save_revision(user=request.user)
            workflow_state = page.current_workflow_state
            if workflow_state is not None:
                workflow_state.cancel(user=request.user)
            with publishing.route(publishing.FORCED):
                revision.publish(user=request.user, skip_permission_checks=True)
            ForcePublication.objects.create(
                page=page, revision=revision, user=request.user, reason=reason
            )
            log(
                instance=page,
                action=FORCE_PUBLISH_ACTION,
                user=request.user,
                revision=revision,
                data={"reason": reason},
            )
        messages.success(
            request, _("'%(title)s' was published without approval.") % {"title": page.title}
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "editorial/force_publish.html",
        {"page": page, "form": form, "header_title": _("Force publish")},
    )


def oversight(request: HttpRequest) -> HttpResponse:
    """Read-only: every site with its editions, and who published what, when, in which language."""
    if not can_view_oversight(request.user):
        raise PermissionDenied
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
