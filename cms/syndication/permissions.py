"""Who offers articles for foreign information, and who sees the offers: a site's editors and
approvers offer their own site's articles and may withdraw them; the foreign-affairs site's
editors and approvers (``SYNDICATION_SITE``, ``songoaivu`` by default) see every offer and
may withdraw any from their listing; administrators everything."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from sites import roles

ACTIONS = {"view", "add", "delete"}


def foreign_affairs_site() -> str:
    return getattr(settings, "SYNDICATION_SITE", "songoaivu")


def staff_sites(user: roles.AnyUser) -> set[str]:
    """Slugs of the sites whose editors or approvers ``user`` is among."""
    return roles.channel_slugs(user, roles.EDITORS, roles.APPROVERS)


def sees_every_offer(user: roles.AnyUser) -> bool:
    return bool(user.is_active and user.is_superuser) or foreign_affairs_site() in staff_sites(user)


def may_offer_from(user: roles.AnyUser, site_slug: str) -> bool:
    """Whether ``user`` may offer (or withdraw) articles of the site ``site_slug``."""
    return bool(user.is_active and user.is_superuser) or site_slug in staff_sites(user)


def visible_to(user: roles.AnyUser, offers: QuerySet) -> QuerySet:
    if sees_every_offer(user):
        return offers
    return offers.filter(channel__slug__in=staff_sites(user))


class SyndicationPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action: str) -> bool:
        if not (user.is_authenticated and user.is_active) or action not in ACTIONS:
            return False
        return bool(user.is_superuser or staff_sites(user))

    def user_has_any_permission(self, user, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action: str, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        return sees_every_offer(user) or may_offer_from(user, instance.channel.slug)

    def instances_user_has_permission_for(self, user, action: str) -> QuerySet:
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return visible_to(user, self.model.objects.all())
