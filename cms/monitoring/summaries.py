"""Vietnamese summaries of clippings.

The translation desk does not fit: its jobs translate the CMS's own pages out of Vietnamese
through wagtail-localize, and a clipping is an outside text to be summarised into Vietnamese.
So the summary is a field the press office writes; where the desk's machine translator has an
engine for the outlet's language into Vietnamese, it drafts one from the title and excerpt.
"""

from __future__ import annotations

from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

from cms.monitoring.models import Clipping
from locales import registry


def _code(language: str) -> str:
    """The outlet's language as the engines name it (``zh-Hans`` → ``zh-hans``, ``en-GB`` →
    ``en``)."""
    code = language.lower()
    return code if code in registry.BY_CODE else code.split("-")[0]


def machine_draft(clipping: Clipping) -> tuple[str, str] | None:
    """(draft, provenance), or ``None`` without an engine for the pair or when it fails."""
    translator = get_machine_translator()
    source = _code(clipping.language)
    if translator is None or not source or source == registry.SOURCE_LANGUAGE:
        return None
    source_locale = Locale(language_code=source)
    target_locale = Locale(language_code=registry.SOURCE_LANGUAGE)
    if not translator.can_translate(source_locale, target_locale):
        return None
    strings = [StringValue.from_plaintext(text) for text in (clipping.title, clipping.excerpt)]
    translated = translator.translate(source_locale, target_locale, [s for s in strings if s.data])
    parts = [translated[s].render_text() for s in strings if s.data and s in translated]
    if not parts:
        return None
    return "\n\n".join(parts), translator.display_name
