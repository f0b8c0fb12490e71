"""Worker tasks: refreshing the figures and the weekly digest. The scheduler's minute loop
enqueues them through ``manage.py oversight_tick``; the dashboard's button enqueues a refresh."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from cms.oversight import digest, figures

DEFAULT_REFRESH_MINUTES = 60


def refresh_interval() -> datetime.timedelta:
    return datetime.timedelta(
        minutes=getattr(settings, "OVERSIGHT_REFRESH_MINUTES", DEFAULT_REFRESH_MINUTES)
    )


def is_due(now: datetime.datetime | None = None) -> bool:
    """Whether the newest snapshot is older than the refresh interval (or missing)."""
    snapshot = figures.latest()
    return snapshot is None or (now or timezone.now()) - snapshot.taken_at >= refresh_interval()


@task()
def refresh_figures(force: bool = False) -> int:
    """Recompute the figures unless a fresh snapshot exists (two ticks may both enqueue)."""
    if not force and not is_due():
        return 0
    return figures.refresh().rows.count()


@task()
def send_weekly_digest() -> int:
    return digest.send_weekly_digest()
