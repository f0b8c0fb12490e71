"""Locale-correct dates, numbers and label punctuation on reader pages, in the language being
rendered (the policy is in ``locales.formatting``). Every reader template shows dates and
counts through these, never through Django's ``date`` filter:

``{{ page.publication_date|reader_datetime }}``, ``{{ article.publication_date|reader_date }}``,
``{{ count|reader_number }}``, ``{% translate "Topics" %}{% label_colon %}``.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import get_language

from locales import formatting, registry

register = template.Library()


def _code() -> str:
    code = get_language() or registry.SOURCE_LANGUAGE
    return code if code in registry.BY_CODE else registry.SOURCE_LANGUAGE


@register.filter
def reader_datetime(value: dt.datetime | None) -> str:
    """Date, time and time zone: "1 December 2026, 12:00 GMT+7"."""
    return formatting.format_datetime(value, _code()) if value else ""


@register.filter
def reader_date(value: dt.datetime | dt.date | None) -> str:
    """The day, in Hanoi: "1 December 2026"."""
    return formatting.format_date(value, _code()) if value else ""


@register.filter
def reader_number(value: int | float | None) -> str:
    """A count with the language's grouping and digits."""
    return "" if value is None else formatting.format_number(value, _code())


@register.filter
def reader_digits(value: object) -> str:
    """Any text with its digits in the language's digit policy (page numbers, codes)."""
    return formatting.digits(str(value), _code())


@register.simple_tag
def label_colon() -> str:
    """What follows a label: "：" in Chinese, "៖ " in Khmer, ": " otherwise."""
    return formatting.label_colon(_code())
