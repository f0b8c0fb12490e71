"""Machine translation through wagtail-localize's machine-translator interface: the
translation memory first, then the engine configured for the language pair (LibreTranslate or
DeepL, wagtail-localize's own adapters), optionally through a pivot language (vi → en → lo).

Configured in ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``::

    {"CLASS": "cms.translation.machine.DeskTranslator",
     "OPTIONS": {"ENGINES": [{"NAME": "libretranslate", "CLASS": "...LibreTranslator",
                              "OPTIONS": {...}, "PAIRS": ["vi-en", "en-lo"]}],
                 "PIVOT": {"lo": "en", "km": "en"}}}

Without an engine for the pair it offers nothing (``can_translate`` is false, so the editor has
no machine button); ``translate`` itself still fills exact memory matches, offline. Each
segment's provenance ("memory", "<engine> vi→en→lo") is written to wagtail-localize's
``StringTranslation.tool_name``. An engine that is down or refuses the request leaves the
segments it should have translated untranslated (memory matches are still applied) and says so;
it never breaks the editor or a sync."""

from __future__ import annotations

import contextvars
import logging

import requests
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from wagtail.models import Locale
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from cms.translation import memory

logger = logging.getLogger(__name__)

#: What an engine raises when it is down, refuses the request (DeepL answers a wrong key with a
#: body that has no "translations") or answers something unreadable.
ENGINE_FAILURES = (requests.RequestException, KeyError, ValueError)

# data of each translated string → its provenance, for the StringTranslation rows saved next.
PROVENANCE: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "desk_provenance", default=None
)


class DeskTranslator(BaseMachineTranslator):
    def __init__(self, options):
        super().__init__(options)
        self.unavailable: str | None = None  # the engine that failed, once one has
        self.engines = []
        for config in options.get("ENGINES", []):
            engine = import_string(config["CLASS"])(config.get("OPTIONS", {}))
            name = config.get("NAME", engine.display_name)
            self.engines.append((str(name), set(config.get("PAIRS", [])), engine))
        self.pivots = options.get("PIVOT", {})

    @property
    def display_name(self) -> str:
        """The name on wagtail-localize's button ("Translate with …")."""
        return gettext("Translation memory, then machine")

    def _engine(self, source: str, target: str):
        for name, pairs, engine in self.engines:
            if not pairs or f"{source}-{target}" in pairs:
                return name, engine
        return None

    def route(self, source: str, target: str) -> list[tuple[str, str, str, object]]:
        """Engine hops for a pair: direct if an engine serves it, else through the pivot."""
        direct = self._engine(source, target)
        if direct:
            return [(source, target, *direct)]
        pivot = self.pivots.get(target)
        if pivot:
            first, second = self._engine(source, pivot), self._engine(pivot, target)
            if first and second:
                return [(source, pivot, *first), (pivot, target, *second)]
        return []

    def can_translate(self, source_locale, target_locale):
        """Only for a pair an engine serves (directly or through the pivot): without one the
        editor shows no machine button, which would only repeat the desk's memory matches."""
        return bool(self.route(source_locale.language_code, target_locale.language_code))

    def translate_with_provenance(
        self, source_locale, target_locale, strings
    ) -> dict[StringValue, tuple[StringValue, str]]:
        source, target = source_locale.language_code, target_locale.language_code
        results: dict[StringValue, tuple[StringValue, str]] = {}
        remaining = []
        for string in strings:
            matches = memory.lookup(string.data, source, target, limit=1)
            if matches and matches[0].exact:
                results[string] = (StringValue(matches[0].entry.target_text), memory.MEMORY_TOOL)
            else:
                remaining.append(string)
        hops = self.route(source, target)
        if remaining and hops:
            names = "+".join(dict.fromkeys(hop[2] for hop in hops))
            path = "→".join([source, *(hop[1] for hop in hops)])
            for original, value in self._through(hops, remaining).items():
                results[original] = (value, f"{names} {path}")
        return results

    def _through(self, hops, strings: list[StringValue]) -> dict[StringValue, StringValue]:
        """``strings`` translated hop by hop; nothing if an engine fails on the way."""
        current = {string: string for string in strings}
        for hop_source, hop_target, name, engine in hops:
            try:
                translated = engine.translate(
                    Locale(language_code=hop_source),
                    Locale(language_code=hop_target),
                    list(current.values()),
                )
            except ENGINE_FAILURES:
                logger.warning(
                    "Machine engine %s failed (%s→%s)", name, hop_source, hop_target, exc_info=True
                )
                self.unavailable = name
                return {}
            # an engine may leave a string out or answer None (wagtail-localize's contract):
            # that string stays untranslated
            current = {
                original: translated[value]
                for original, value in current.items()
                if translated.get(value) is not None and translated[value].data is not None
            }
        return current

    def translate(self, source_locale, target_locale, strings):
        results = self.translate_with_provenance(source_locale, target_locale, list(strings))
        PROVENANCE.set({value.data: tool for value, tool in results.values()})
        return {string: value for string, (value, _tool) in results.items()}
