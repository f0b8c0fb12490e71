"""Two people translating the same segment: a save based on a version of that segment which is
no longer the stored one is refused, showing the other person's text.

A segment's version is a short hash of its stored translation ("" hashed when untranslated).
The editor (``desk/editor.js`` inside wagtail-localize's editor) learns each segment's version
from the desk's suggestions and from every save it makes, and sends the one its edit is based
on in the ``X-Desk-Segment-Version`` header (a memory match sends it as ``version``). A save
without a version is let through, as wagtail-localize's own editor makes it."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail_localize.models import StringSegment, StringTranslation, Translation

VERSION_HEADER = "X-Desk-Segment-Version"


def version_of(text: str | None) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def stored(translation: Translation, segment: StringSegment) -> StringTranslation | None:
    return (
        StringTranslation.objects.filter(
            translation_of_id=segment.string_id,
            locale_id=translation.target_locale_id,
            context_id=segment.context_id,
        )
        .select_related("last_translated_by")
        .first()
    )


def conflict(
    translation: Translation,
    segment: StringSegment,
    based_on: str | None,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> JsonResponse | None:
    """A 409 answer when the edit was based on another version than the stored one (``user``
    is the one saving: their own change from another window is named as such)."""
    if not based_on:
        return None
    current = stored(translation, segment)
    text = current.data if current else ""
    if version_of(text) == based_on:
        return None
    author = current.last_translated_by if current else None
    name = (author.get_full_name() or author.get_username()) if author else "—"
    if author is not None and user is not None and author.pk == user.pk:
        detail = _(
            "You changed this segment in another window after this one opened it; nothing "
            "was saved. The newer text is shown: keep it, or change it and save again."
        )
    else:
        detail = _(
            "%(user)s changed this segment after you opened it; nothing was saved. "
            "Their text is shown: keep it, or change it and save again."
        ) % {"user": name}
    return JsonResponse(
        {
            "detail": detail,
            "segment": segment.pk,
            "current": text,
            "by": name,
            "version": version_of(text),
        },
        status=409,
    )


def refuse_stale(view: Callable) -> Callable:
    """Wrap wagtail-localize's segment edit view (PUT saves, DELETE clears): refuse an edit based
    on a stale version; after a save, tell the editor the segment's new version."""

    @functools.wraps(view)
    def wrapper(
        request: HttpRequest, translation_id: int, string_segment_id: int, *args, **kwargs
    ) -> HttpResponse:
        translation = get_object_or_404(Translation, id=translation_id)
        segment = get_object_or_404(
            StringSegment, id=string_segment_id, source_id=translation.source_id
        )
        if request.method in ("PUT", "DELETE"):
            refusal = conflict(
                translation, segment, request.headers.get(VERSION_HEADER), request.user
            )
            if refusal is not None:
                return refusal
        response = view(request, translation_id, string_segment_id, *args, **kwargs)
        current = stored(translation, segment)
        response[VERSION_HEADER] = version_of(current.data if current else "")
        return response

    return wrapper
