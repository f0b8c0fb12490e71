"""Attachments of a release under embargo are not served to the public before it ends (the
release is not live, but a document's address does not depend on the page)."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from wagtail import hooks

from cms.press.models import PressAttachment


@hooks.register("before_serve_document")
def hold_embargoed_attachments(document, request) -> None:
    if request.user.has_perm("wagtailadmin.access_admin"):
        return
    embargoed = PressAttachment.objects.filter(
        document=document, page__embargo_until__gt=timezone.now()
    )
    if embargoed.exists():
        raise Http404
