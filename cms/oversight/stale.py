"""Stale alerts: an edition with no new item for more days than its site kind allows
(``OVERSIGHT_STALE_DAYS`` in settings, per kind: key channels publish daily, district portals
less often)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from cms.oversight.models import EditionFigures

DEFAULT_STALE_DAYS = {"channel": 3, "district": 14}


def stale_days(kind: str) -> int:
    """How many days without a new item make a site of ``kind`` stale."""
    configured = {**DEFAULT_STALE_DAYS, **getattr(settings, "OVERSIGHT_STALE_DAYS", {})}
    return configured.get(kind, max(configured.values()))


def is_stale(row: EditionFigures, now: datetime.datetime | None = None) -> bool:
    """Whether the edition has published nothing new within its kind's limit."""
    limit = datetime.timedelta(days=stale_days(row.channel.kind))
    return row.last_published_at is None or (now or timezone.now()) - row.last_published_at > limit
