"""Admin views beside the generic ones: digest downloads and a machine draft of a
clipping's Vietnamese summary."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.monitoring import summaries
from cms.monitoring.models import Clipping, Digest
from cms.monitoring.permissions import is_office_staff

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
}


def _office_only(request: HttpRequest) -> None:
    if not is_office_staff(request.user):
        raise PermissionDenied


def download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The digest as PDF or DOCX, for office staff only, never cached by a proxy."""
    _office_only(request)
    if kind not in FORMATS:
        raise PermissionDenied
    found = get_object_or_404(Digest, pk=pk)
    content_type, extension = FORMATS[kind]
    response = HttpResponse(bytes(getattr(found, kind)), content_type=content_type)
    name = f"bao-chi-nuoc-ngoai-{found.period_start:%Y%m%d}-{found.period_end:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def machine_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill an empty Vietnamese summary with a machine draft where an engine serves the
    outlet's language; otherwise say that a staff member writes it."""
    _office_only(request)
    clipping = get_object_or_404(Clipping, pk=pk)
    edit_url = reverse("monitoring_clippings:edit", args=[clipping.pk])
    if clipping.summary_vi.strip():
        messages.warning(request, _("This clipping already has a Vietnamese summary."))
        return redirect(edit_url)
    draft = summaries.machine_draft(clipping)
    if draft is None:
        messages.warning(
            request,
            _(
                "No machine translation engine is configured for this language; a staff member "
                "writes the Vietnamese summary."
            ),
        )
        return redirect(edit_url)
    clipping.summary_vi, clipping.summary_provenance = draft
    clipping.updated_by = request.user  # type: ignore[assignment]
    clipping.save(update_fields=["summary_vi", "summary_provenance", "updated_by"])
    messages.success(request, _("A machine draft of the summary was added; check it."))
    return redirect(edit_url)
