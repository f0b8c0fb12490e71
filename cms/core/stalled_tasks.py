"""Background tasks whose worker died: the database queue leaves them RUNNING for ever. One
RUNNING for longer than ``TASK_STALL_MINUTES`` is put back in the queue; after ``TASK_MAX_RUNS``
starts it is marked failed with the reason, where administrators see it. Re-running is safe
because every task here is idempotent (queues drained by claim, mail keyed in the outbox)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

WORKER_LOST = "cms.core.stalled_tasks.WorkerLost"


class WorkerLost(Exception):
    """The worker running a task stopped before finishing it."""


@dataclass
class Recovery:
    requeued: int = 0
    failed: int = 0


def recover_stalled(now: datetime.datetime | None = None) -> Recovery:
    """Requeue or fail every task that has been RUNNING for too long."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(minutes=settings.TASK_STALL_MINUTES)
    recovery = Recovery()
    running = TaskResultStatus.RUNNING
    for result in DBTaskResult.objects.filter(status=running, started_at__lt=limit):
        same = DBTaskResult.objects.filter(
            pk=result.pk, status=running, started_at=result.started_at
        )
        starts = len(result.worker_ids)
        if starts >= settings.TASK_MAX_RUNS:
            recovery.failed += same.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=WORKER_LOST,
                traceback=(
                    f"WorkerLost: the worker stopped during each of {starts} runs "
                    f"(last started {result.started_at:%Y-%m-%d %H:%M:%S %Z})."
                ),
            )
        else:
            recovery.requeued += same.update(
                status=TaskResultStatus.READY,
                run_after=get_date_max(),  # at once
            )
    return recovery


def failed_recently(days: int = 7):
    """Tasks that failed in the last ``days`` days, newest first."""
    since = timezone.now() - datetime.timedelta(days=days)
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, finished_at__gte=since
    ).order_by("-finished_at")
