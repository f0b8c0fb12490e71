"""Admin hooks: wagtailmedia's usage view, scoped to the media one may change.

wagtailmedia checks its usage view only against the permission to change some media, not this
item: an editor of one site could list where another site's recording is used. The view is
registered here, before wagtailmedia's (apps load their hooks in INSTALLED_APPS order), under the
same address, and asks for the item's own permission first.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtailmedia.models import get_media_model
from wagtailmedia.permissions import MediaPermissionPolicyChecker
from wagtailmedia.views import media as media_views

permission_checker = MediaPermissionPolicyChecker()


def media_usage(request: HttpRequest, media_id: int) -> HttpResponse:
    """Where a recording is used, for those who may change or delete it."""
    item = get_object_or_404(get_media_model(), id=media_id)
    if not permission_checker.policy.user_has_any_permission_for_instance(
        request.user, ["change", "delete"], item
    ):
        return permission_denied(request)
    return media_views.usage(request, media_id)


@hooks.register("register_admin_urls")
def register_media_usage() -> list:
    return [path("media/usage/<int:media_id>/", media_usage, name="broadcast_media_usage")]
