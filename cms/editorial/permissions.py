"""Who may do what beyond Wagtail's page permissions."""

from __future__ import annotations

from wagtail.models import Page

from sites import roles
from sites.models import Channel


def can_force_publish(user: roles.AnyUser, page: Page) -> bool:
    """Superusers, and approvers of the page's own site holding the force-publish permission."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("editorial.force_publish"):
        return False
    channel = Channel.objects.for_page(page)
    return channel is not None and roles.holds(user, roles.Role.APPROVERS, channel)


def can_view_oversight(user: roles.AnyUser) -> bool:
    return user.is_active and user.has_perm("editorial.view_oversight")
