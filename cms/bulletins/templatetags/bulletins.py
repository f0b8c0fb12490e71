"""Template helpers for bulletins: a value by key, a bulletin's name in a language."""

from django import template

register = template.Library()


@register.filter
def get(mapping: dict, key: str):
    return mapping.get(key) if mapping else None


@register.filter
def name_in(bulletin, language: str) -> str:
    return bulletin.name(language)
