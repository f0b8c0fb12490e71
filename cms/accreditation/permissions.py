"""Who may see journalists' requests: active superusers, and the press officers of the
request's site. Everyone else gets 403, whatever the address."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cms.accreditation.models import AccreditationRequest
from cms.press.models import PressEventPage
from locales import registry
from sites import roles
from sites.models import Channel


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


def event_for(user, pk: int) -> PressEventPage:
    """The Vietnamese event page ``pk`` if ``user`` works its site's press office: 403 for
    people outside every press office, 404 for another site's event."""
    if not is_press_officer(user):
        raise PermissionDenied
    event = get_object_or_404(
        PressEventPage.objects.filter(locale__language_code=registry.SOURCE_LANGUAGE), pk=pk
    )
    channel = Channel.objects.for_page(event)
    if not user.is_superuser and (
        channel is None or not roles.holds(user, roles.PRESS_OFFICERS, channel)
    ):
        raise Http404
    return event
