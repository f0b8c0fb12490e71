"""Who may see journalists' requests: active superusers, and the press officers of the
request's site. Everyone else gets 403, whatever the address."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cms.accreditation.models import AccreditationRequest
from sites import roles


def is_press_officer(user) -> bool:
    """Whether ``user`` works any site's press office (or is a superuser)."""
    return bool(
        user.is_active and (user.is_superuser or roles.channel_slugs(user, roles.PRESS_OFFICERS))
    )


def request_for(user, pk: int) -> AccreditationRequest:
    """The request ``pk`` if ``user`` may see it: 403 for people outside every press office,
    404 for a request of another site (as if it did not exist)."""
    if not is_press_officer(user):
        raise PermissionDenied
    return get_object_or_404(
        AccreditationRequest.objects.for_officer(user).select_related("channel"), pk=pk
    )
