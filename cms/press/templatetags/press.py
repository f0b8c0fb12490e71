"""Press pages' formatting: months, event times and language names in the reader's language
(CLDR through ``locales.formatting``, so the digit policy and the Hanoi time zone hold)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton
from django import template
from django.utils.translation import get_language

from locales import formatting, registry

register = template.Library()


def _code() -> str:
    code = get_language() or registry.SOURCE_LANGUAGE
    return code if code in registry.BY_CODE else registry.SOURCE_LANGUAGE


@register.filter
def reader_month(value: dt.date) -> str:
    """Month and year: "December 2026", "tháng 12 năm 2026", "2026年12月"."""
    code = _code()
    return formatting.digits(
        format_skeleton("yMMMM", value, locale=formatting.babel_locale(code)), code
    )


@register.filter
def event_time(value: dt.datetime) -> str:
    """The time of day in Hanoi with the zone: "09:00 GMT+7"."""
    return formatting.format_time(value, _code())


@register.filter
def same_day(start: dt.datetime, end: dt.datetime) -> bool:
    """Both times fall on the same day in Hanoi."""
    zone = formatting.READER_TIME_ZONE
    return start.astimezone(zone).date() == end.astimezone(zone).date()


@register.filter
def language_names(codes: list[str]) -> list[tuple[str, str]]:
    """(code, name in the reader's language) for language codes ("zh-hans", "fr", …)."""
    locale = formatting.babel_locale(_code())
    names = []
    for code in codes:
        key = "zh" if code == "zh-hans" else code
        names.append((code, locale.languages.get(key) or code))
    return names
