"""Background work for the task worker: fetching the feeds that are due, and the weekly
digest. The scheduler enqueues both every minute (``manage.py monitoring enqueue``); each does
nothing when nothing is due."""

from __future__ import annotations

from django_tasks import task

from cms.monitoring import digest, fetching


@task()
def fetch_due_feeds() -> int:
    """Fetch the feeds that are due; returns how many new clippings."""
    return sum(attempt.new_clippings for attempt in fetching.fetch_due())


@task()
def make_weekly_digest() -> int | None:
    """Make last week's digest if it is not made yet; returns its id."""
    made = digest.weekly_if_due()
    return made.pk if made else None
