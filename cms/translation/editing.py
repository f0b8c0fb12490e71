"""The translation editor under the desk's rules.

Who may change a translation now: while it has an open job, its assignee (the language's
reviewers once it is in review or approved), and nobody while a page lock held by someone else
blocks them. wagtail-localize's own editing endpoints (a string, an override, machine
translation, PO upload) are wrapped with this check, so two people never silently overwrite each
other's segments, and a segment saved on a stale version of that segment is refused
(``segment_versions``).

What the editor shows beside each segment: exact and fuzzy memory matches (an exact one applied
with one click, provenance "memory"; a fuzzy one only as a draft in the desk's segment editor)
and the glossary terms it holds, highlighted in the source text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.locks import WorkflowLock
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.translation import glossary, localize_adapter, memory, po, segment_versions
from cms.translation import permissions as perms
from cms.translation.models import MemoryEntry, TranslationJob

Status = TranslationJob.Status
REVIEW_STATUSES = (Status.IN_REVIEW, Status.APPROVED)


def open_job(translation: Translation) -> TranslationJob | None:
    return (
        TranslationJob.objects.open()
        .filter(translation=translation)
        .select_related("assignee", "target_locale", "translation__source__locale")
        .first()
    )


def blocker(user, translation: Translation, job: TranslationJob | None = None) -> str | None:
    """Why ``user`` may not change ``translation`` now (translated), or None when they may."""
    job = job or open_job(translation)
    if job is not None:
        if job.status in REVIEW_STATUSES:
            if not perms.can_review(user, job):
                return _(
                    "This translation is with the %(language)s reviewers; nothing was saved."
                ) % {"language": job.target_locale.get_display_name()}
        elif job.assignee is None:
            return _(
                "Claim this job on the translation desk before translating; nothing was saved."
            )
        elif job.assignee_id != user.pk:
            return _("This translation is assigned to %(user)s; nothing was saved.") % {
                "user": job.assignee.get_username()
            }
    target = translation.get_target_instance()
    lock = target.get_lock() if isinstance(target, Page) else None
    if lock is None or not lock.for_user(user):
        return None
    if isinstance(lock, WorkflowLock):
        return _("This translation is waiting for approval in its workflow; nothing was saved.")
    return _("This translation is locked by %(user)s; nothing was saved.") % {
        "user": target.locked_by.get_username() if target.locked_by else "—"
    }


def guarded(view: Callable) -> Callable:
    """Wrap one of wagtail-localize's editing views: refuse, with the reason, anyone the desk's
    rules keep out (JSON for the editor's own requests, a message for its forms)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, translation_id: int, *args, **kwargs) -> HttpResponse:
        translation = get_object_or_404(Translation, id=translation_id)
        reason = blocker(request.user, translation)
        if reason is None:
            return view(request, translation_id, *args, **kwargs)
        if request.method in ("PUT", "DELETE"):
            return JsonResponse({"detail": reason}, status=409)
        messages.error(request, reason)
        return redirect(localize_adapter.next_url(request) or "wagtailadmin_home")

    return wrapper


def _untranslated(translation: Translation) -> int:
    total, translated = translation.get_progress()
    return total - translated


@require_POST
def machine_translate(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's "Translate with machine" with an honest message: how many of the
    untranslated segments were filled and how many are left, and why when no engine could help.
    The editor shows the button only for a language pair an engine serves."""
    translation = get_object_or_404(
        Translation.objects.select_related("source__locale", "target_locale"), id=translation_id
    )
    next_url = localize_adapter.next_url(request) or reverse("wagtailadmin_home")
    translator = localize_adapter.get_machine_translator()
    source, target = translation.source.locale, translation.target_locale
    if translator is None or not translator.can_translate(source, target):
        messages.error(
            request,
            _(
                "No machine-translation engine serves %(source)s → %(target)s; nothing was "
                "translated. Exact memory matches are applied from the translation desk."
            )
            % {"source": source.get_display_name(), "target": target.get_display_name()},
        )
        return redirect(next_url)
    asked = _untranslated(translation)
    if asked == 0:
        messages.warning(request, _("There isn't anything left to translate."))
        return redirect(next_url)
    localize_adapter.apply_machine_translation(translation_id, request.user, translator)
    left = _untranslated(translation)
    counts = {"filled": asked - left, "asked": asked, "left": left}
    summary = (
        ngettext(
            "%(filled)s of %(asked)s segment translated; %(left)s left for you.",
            "%(filled)s of %(asked)s segments translated; %(left)s left for you.",
            asked,
        )
        % counts
    )
    unavailable = getattr(translator, "unavailable", None)
    if unavailable:
        summary += " " + _(
            "The machine engine “%(engine)s” is unavailable: only translation memory was used."
        ) % {"engine": unavailable}
    if left and (unavailable or counts["filled"] == 0):
        messages.warning(request, summary)
    else:
        messages.success(request, summary)
    return redirect(next_url)


# wagtail-localize's admin URL route → the desk's view answering there
GUARDED_VIEWS = {
    localize_adapter.ROUTES["edit_string_translation"]: guarded(
        segment_versions.refuse_stale(localize_adapter.edit_string_translation)
    ),
    localize_adapter.ROUTES["edit_override"]: guarded(localize_adapter.edit_override),
    localize_adapter.ROUTES["machine_translate"]: guarded(machine_translate),
    localize_adapter.ROUTES["upload_pofile"]: guarded(po.upload_pofile),
}


def _translation_for(request: HttpRequest, translation_id: int) -> Translation:
    translation = get_object_or_404(
        Translation.objects.select_related("source__locale", "target_locale"), id=translation_id
    )
    if not localize_adapter.user_can_edit(request.user, translation.get_target_instance()):
        raise PermissionDenied
    return translation


def _match(match: memory.Match) -> dict:
    entry = match.entry
    return {
        "entry": entry.pk,
        "exact": match.exact,
        "score": round(match.score),
        "target": entry.target_text,
        "provenance": entry.get_provenance_display(),
        "date": entry.created_at.date().isoformat(),
    }


def suggestions(request: HttpRequest, translation_id: int) -> JsonResponse:
    """Per segment of the translation, in the editor's order: its source as the editor shows
    it, memory matches (untranslated segments only), and glossary terms with their offsets."""
    translation = _translation_for(request, translation_id)
    source_language = translation.source.locale.language_code
    target_language = translation.target_locale.language_code
    terms = glossary.terms_for(source_language, target_language)
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    stored = {
        (string_id, context_id): (data, has_error)
        for string_id, context_id, data, has_error in StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=translation.source.object_id,
        ).values_list("translation_of_id", "context_id", "data", "has_error")
    }
    translated = {key for key, (_data, has_error) in stored.items() if not has_error}
    reason = blocker(request.user, translation)
    rows = []
    for segment in segments.order_by("order"):
        text = segment.string.data
        done = (segment.string_id, segment.context_id) in translated
        matches = [] if done else memory.lookup(text, source_language, target_language)
        rows.append(
            {
                "id": segment.pk,
                "source": glossary.display_text(text),
                "translated": done,
                "version": segment_versions.version_of(
                    stored.get((segment.string_id, segment.context_id), ("", False))[0]
                ),
                "matches": [_match(match) for match in matches],
                "terms": [
                    {
                        "start": start,
                        "end": end,
                        "term": term.source_term,
                        "required": term.required,
                        "forbidden": term.forbidden,
                        "note": term.note,
                    }
                    for start, end, term in glossary.term_spans(text, terms)
                ],
            }
        )
    return JsonResponse({"editable": reason is None, "blocker": reason, "segments": rows})


@require_POST
def use_match(request: HttpRequest, translation_id: int, segment_id: int) -> JsonResponse:
    """Apply one exact memory match to one segment (provenance "memory"; a later change by the
    translator makes it "post-edited"). A fuzzy match is never saved as it stands: it is a draft
    in the segment editor (``workbench``)."""
    translation = _translation_for(request, translation_id)
    reason = blocker(request.user, translation)
    if reason is not None:
        return JsonResponse({"detail": reason}, status=409)
    segment = get_object_or_404(
        StringSegment.objects.select_related("string"),
        pk=segment_id,
        source=translation.source,
    )
    refusal = segment_versions.conflict(
        translation, segment, request.POST.get("version"), request.user
    )
    if refusal is not None:
        return refusal
    entry_id = request.POST.get("entry", "")
    entry = get_object_or_404(
        MemoryEntry,
        pk=int(entry_id) if entry_id.isdigit() else None,
        source_language=translation.source.locale.language_code,
        target_language=translation.target_locale.language_code,
    )
    if entry.source_hash != memory.text_hash(segment.string.data):
        return JsonResponse(
            {"detail": _("Only an exact match is applied as it stands.")}, status=400
        )
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=translation.target_locale_id,
        context_id=segment.context_id,
        defaults=memory.applied_fields(entry, request.user),
    )
    return JsonResponse(
        {
            "segment": segment.pk,
            "data": entry.target_text,
            "version": segment_versions.version_of(entry.target_text),
        }
    )
