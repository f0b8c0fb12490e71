"""A background task whose worker died (left RUNNING) runs again; after TASK_MAX_RUNS starts it
fails visibly. Uses the real database task queue and its worker."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cms.core.stalled_tasks import WORKER_LOST, recover_stalled
from cms.outbox.delivery import deliver_outbox

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue():
    with override_settings(TASKS=DATABASE_QUEUE):
        default_task_backend.__dict__.pop("_wrapped", None)
        yield
    default_task_backend.__dict__.pop("_wrapped", None)


def started_by_a_worker_that_died(runs: int = 1) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=deliver_outbox.enqueue().id)
    for run in range(runs):
        result.claim(f"worker-{run}")  # what db_worker does before running it
    return result


def run_like_the_worker(result: DBTaskResult) -> None:
    """What ``db_worker`` does with a task it found ready (its outer loop opens a transaction,
    which a test inside one cannot)."""
    result.claim("worker-again")
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-again",
    ).run_task(result)


def later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_task_left_running_runs_again_and_succeeds(queue):
    result = started_by_a_worker_that_died()
    assert recover_stalled(later(5)).requeued == 0, "it may still be running"
    assert recover_stalled(later(31)).requeued == 1
    result.refresh_from_db()
    assert result.status == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().filter(pk=result.pk).exists()
    run_like_the_worker(result)
    result.refresh_from_db()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(result.worker_ids) == 2


def test_a_task_whose_worker_keeps_dying_fails_visibly(queue, client, make_user):
    result = started_by_a_worker_that_died(runs=3)
    recovery = recover_stalled(later(31))
    assert (recovery.requeued, recovery.failed) == (0, 1)
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == WORKER_LOST and "3 runs" in result.traceback
    assert recover_stalled(later(90)).failed == 0

    client.force_login(make_user("quan-tri", superuser=True))
    dashboard = client.get("/admin/").content.decode()
    assert "cms.outbox.delivery.deliver_outbox" in dashboard and "WorkerLost" in dashboard
