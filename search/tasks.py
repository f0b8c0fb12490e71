"""Background tasks (django-tasks; the database queue in development and production)."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import default_task_backend, task

from cms.core import bulk
from search import indexing
from search.engines import EngineUnavailable
from search.models import PendingUpdate

logger = logging.getLogger(__name__)


@task()
def apply_pending_updates() -> int:
    """Bring the index up to date with the queue. If the engine is down the queue is kept and,
    where the task backend can defer, the task runs again later (the scheduler's minute loop
    runs ``search_index sync`` as well), so no update is lost."""
    try:
        return indexing.apply_pending()
    except EngineUnavailable as error:
        logger.warning("search: engine unavailable, updates stay queued: %s", error)
        if default_task_backend.supports_defer:
            attempts = max(PendingUpdate.objects.values_list("attempts", flat=True), default=0)
            apply_pending_updates.using(run_after=indexing.next_retry_at(attempts)).enqueue()
        return 0


def request_update(page_ids: list[int]) -> None:
    """Queue ``page_ids`` (durably, in the current transaction) and run the queue after it (in
    a bulk change, once at its end)."""
    PendingUpdate.request(page_ids)
    change = bulk.current()
    if change is None:
        _run_queue()
    else:
        change.collect(_run_queue, [True])


def _run_queue(_requests: object = None) -> None:
    """Run the queue once the current transaction commits."""
    transaction.on_commit(apply_pending_updates.enqueue)
