"""The admin listing of procedure reviews: overdue records first, then those due within the
reminder period, for the people who answer for them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.procedures import access, reviews


def review_listing(request: HttpRequest) -> TemplateResponse:
    found = access.visible(request.user, reviews.reviews())
    if found is None:
        raise PermissionDenied
    overdue = sorted((r for r in found if r.is_overdue), key=lambda r: (-r.days_overdue, r.page_id))
    upcoming = [r for r in found if -reviews.BEFORE_DAYS <= r.days_overdue <= 0]
    return TemplateResponse(
        request,
        "procedures/admin/reviews.html",
        {
            "page_title": _("Procedure reviews"),
            "overdue": overdue,
            "upcoming": upcoming,
            "later": len(found) - len(overdue) - len(upcoming),
        },
    )
