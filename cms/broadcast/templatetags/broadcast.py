"""Template filters of the broadcast pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def clock(seconds: int | None) -> str:
    """A length as a clock shows it: 4:05, 1:02:03."""
    if not seconds:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def iso_duration(seconds: int | None) -> str:
    """A length for ``<time datetime>``: PT4M5S."""
    return f"PT{int(seconds or 0)}S"
