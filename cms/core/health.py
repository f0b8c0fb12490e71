"""Liveness and readiness for load balancers, the proxy and monitoring.

``/health/live``: the process answers (no dependency is asked), 200. ``/health/ready``: every
dependency is asked — the database, the caches, the task queue, and what higher layers register
(the search engine) — and the answer lists each with ``ok`` or what is wrong; 503 when any
fails, so a load balancer stops sending readers to this server. Neither is ever cached.

The task queue fails when the oldest task ready to run has waited longer than
``CMS_HEALTH_QUEUE_STALL_SECONDS``: no worker is taking tasks (stopped, or overwhelmed).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

Check = Callable[[], str]
"""Returns ``"ok"`` or a short description; raising an exception means the same as failing."""
_checks: dict[str, Check] = {}


def register_check(name: str, check: Check) -> None:
    """Add a dependency to the readiness report (a higher layer's engine, for instance)."""
    _checks[name] = check


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache_check(alias: str) -> Check:
    def check() -> str:
        key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
        cache = caches[alias]
        cache.set(key, value, 10)
        found = cache.get(key)
        cache.delete(key)
        return "ok" if found == value else "values are not kept"

    return check


def task_queue() -> str:
    if not isinstance(task_backends["default"], DatabaseBackend):
        return "ok"
    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values("enqueued_at", "run_after")
        .first()
    )
    if oldest is None:
        return "ok"
    since = oldest["enqueued_at"]
    if oldest["run_after"] and oldest["run_after"] > since and oldest["run_after"].year < 9999:
        since = oldest["run_after"]
    waited = timezone.now() - since
    if waited > datetime.timedelta(seconds=settings.CMS_HEALTH_QUEUE_STALL_SECONDS):
        return f"stalled: a task has waited {int(waited.total_seconds())} s for a worker"
    return "ok"


register_check("database", database)
register_check("cache", _cache_check("default"))
register_check("page cache", _cache_check(settings.CMS_PAGE_CACHE_ALIAS))
register_check("task queue", task_queue)


def report() -> dict[str, str]:
    """Each registered dependency with ``"ok"`` or what is wrong with it."""
    results = {}
    for name, check in _checks.items():
        try:
            results[name] = check()
        except Exception as error:
            results[name] = f"unavailable: {type(error).__name__}: {error}"[:300]
    return results


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    checks = report()
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
