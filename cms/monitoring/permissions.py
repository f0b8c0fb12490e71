"""Who works the monitoring: the press officers of the foreign-affairs department's site
(``MONITORING_OFFICE_SITE``, ``songoaivu`` by default) and administrators. Nobody else sees
it, not even other sites' press officers: it is that department's desk."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from wagtail.permission_policies import ModelPermissionPolicy

from sites import roles

#: What office staff may do with each model (clippings come only from the feeds; digests are
#: made from clippings, never edited).
ACTIONS = {
    "source": {"view", "add", "change", "delete"},
    "keywordrule": {"view", "add", "change", "delete"},
    "clipping": {"view", "change"},
    "digest": {"view", "add", "delete"},
}


def office_site() -> str:
    return getattr(settings, "MONITORING_OFFICE_SITE", "songoaivu")


def is_office_staff(user: roles.AnyUser) -> bool:
    """Whether ``user`` works the monitoring desk (no query after the user's roles are read)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_superuser) or office_site() in roles.channel_slugs(
        user, roles.PRESS_OFFICERS
    )


class OfficePolicy(ModelPermissionPolicy):
    """Office staff may take the model's actions in ``ACTIONS``; nobody else any."""

    def user_has_permission(self, user, action: str) -> bool:
        allowed = ACTIONS.get(self.model._meta.model_name or "", set())
        return action in allowed and is_office_staff(user)

    def user_has_any_permission(self, user, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)
