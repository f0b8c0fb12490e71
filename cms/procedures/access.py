"""Who sees which procedure reviews in the admin: administrators and the oversight role see
every record; a site's editors and approvers see their site's records; an owner sees the
records they own."""

from __future__ import annotations

from cms.procedures.reviews import Review
from sites import roles


def visible(user: roles.AnyUser, found: list[Review]) -> list[Review] | None:
    """The reviews of ``found`` that ``user`` may see, or None when the listing is not for
    them (no role that reads reviews and no record of their own)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser or roles.holds(user, roles.OVERSIGHT_GROUP):
        return found
    sites = roles.channel_slugs(user, roles.EDITORS, roles.APPROVERS)
    hosted = {review.channel for review in found}
    mine = [r for r in found if r.channel in sites or r.owner_id == user.pk]
    if not mine and not sites & hosted:
        return None
    return mine
