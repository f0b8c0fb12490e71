"""A deterministic offline machine-translation engine for the desk's tests."""

from __future__ import annotations

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue


class TestEngine(BaseMachineTranslator):
    """A deterministic offline engine for tests and demos: prefixes the target code."""

    display_name = "test engine"

    def translate(self, source_locale, target_locale, strings):
        return {s: StringValue(f"[{target_locale.language_code}] {s.data}") for s in strings}

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code
