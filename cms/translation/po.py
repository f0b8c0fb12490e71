"""Strict PO upload for wagtail-localize translations: a file for another translation, an
unreadable file, one with entries that are not in the current source (stale, or for another
page), or one that would change what a published edition says (segments approved through the
desk are changed in the editor, where the change is reviewed) is rejected with every such entry
listed, and nothing is imported."""

from __future__ import annotations

import contextlib
import os
import tempfile

import polib
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.translation import localize_adapter
from cms.translation.exchange import ExchangeError


def _parse(data: bytes) -> polib.POFile:
    # polib.pofile reads a path when given one: always hand it a file of our own.
    with tempfile.NamedTemporaryFile(delete=False, suffix=".po") as handle:
        handle.write(data)
    try:
        return polib.pofile(handle.name)
    except (OSError, UnicodeDecodeError) as error:
        raise ExchangeError([_("not a readable PO file: %(error)s") % {"error": error}]) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)


def _published(translation: Translation) -> dict[tuple[str, str], str]:
    """The translated text of each segment (context path, source text) while the edition is
    live: what readers have, approved through the desk; empty while it is a draft."""
    target = translation.get_target_instance() if translation.target_locale_id else None
    if target is None or not getattr(target, "live", False):
        return {}
    segments = StringSegment.objects.filter(source_id=translation.source_id)
    return {
        (text.context.path, text.translation_of.data): text.data
        for text in StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            translation_of__in=segments.values("string"),
            context__in=segments.values("context"),
        ).select_related("context", "translation_of")
    }


def import_po(translation: Translation, data: bytes, user=None) -> int:
    """Import every translated entry, or nothing; returns how many entries were imported."""
    po = _parse(data)
    if po.metadata.get("X-WagtailLocalize-TranslationID") != str(translation.uuid):
        raise ExchangeError([_("this file was made for another page or language")])
    current = set(
        StringSegment.objects.filter(source_id=translation.source_id).values_list(
            "context__path", "string__data"
        )
    )
    published = _published(translation)
    errors = []
    for number, entry in enumerate(po, start=1):
        where = {
            "number": number,
            "line": entry.linenum,
            "text": Truncator(entry.msgid).chars(60),
        }
        if (entry.msgctxt, entry.msgid) not in current:
            errors.append(
                _("entry %(number)s (line %(line)s): “%(text)s” is not in the current source")
                % where
            )
        elif entry.msgstr and published.get((entry.msgctxt, entry.msgid), entry.msgstr) != (
            entry.msgstr
        ):
            errors.append(
                _(
                    "entry %(number)s (line %(line)s): “%(text)s” has an approved translation "
                    "in the published edition; change it in the editor, where the change is "
                    "reviewed"
                )
                % where
            )
    if errors:
        raise ExchangeError(errors)
    with transaction.atomic():
        translation.import_po(po, user=user, tool_name="PO File")
    return sum(1 for entry in po if entry.msgstr)


def upload_pofile(request: HttpRequest, translation_id: int) -> HttpResponse:
    """Replaces wagtail-localize's upload view (same URL, same permission check)."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not localize_adapter.user_can_edit(request.user, translation.get_target_instance()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ExchangeError([_("no file was uploaded")])
        count = import_po(translation, upload.read(), request.user)
    except ExchangeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(count)s entries imported.") % {"count": count})
    return redirect(localize_adapter.next_url(request) or "wagtailadmin_home")
