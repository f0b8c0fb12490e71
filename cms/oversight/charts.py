"""Trend charts drawn on the server as inline SVG (no script): weekly bars and per-row
sparklines. Every chart carries a text equivalent in its ``<title>`` for screen readers."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def bars(values: Sequence[int], *, label: str, width: int = 480, height: int = 120) -> SafeString:
    """A bar per value (oldest first), scaled to the largest, with the values as labels."""
    top = max(values, default=0) or 1
    slot = width / max(len(values), 1)
    shapes = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"></rect>'
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (
                f"{i * slot + 2:.1f}",
                f"{height - 16 - (height - 32) * value / top:.1f}",
                f"{slot - 4:.1f}",
                f"{(height - 32) * value / top:.1f}",
                f"{i * slot + slot / 2:.1f}",
                height - 2,
                value,
            )
            for i, value in enumerate(values)
        ),
    )
    return format_html(
        '<svg class="oversight-chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMidYMid meet"><title>{}: {}</title>{}</svg>',
        width,
        height,
        label,
        ", ".join(str(v) for v in values),
        shapes,
    )


def sparkline(
    values: Sequence[int], *, label: str, width: int = 96, height: int = 24
) -> SafeString:
    """A small line of the values, for a table cell."""
    top = max(values, default=0) or 1
    step = width / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (height - 4) * v / top:.1f}" for i, v in enumerate(values)
    )
    return format_html(
        '<svg class="oversight-spark" role="img" viewBox="0 0 {} {}" width="{}" height="{}">'
        '<title>{}: {}</title><polyline points="{}" fill="none" stroke="currentColor" '
        'stroke-width="1.5"></polyline></svg>',
        width,
        height,
        width,
        height,
        label,
        ", ".join(str(v) for v in values),
        points,
    )
