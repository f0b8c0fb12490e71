"""Liveness answers while the process runs; readiness asks every dependency and answers 503,
naming the one that is down: a Redis cache stopped by the test, a search engine that does not
answer, a task queue no worker takes from."""

import datetime
import io
import json
import logging
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.core.logs import JsonFormatter, RequestIdFilter, RequestIdMiddleware
from search.engines import get_engine
from tests import serving

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def redis_server():
    """A real Redis server on loopback, stopped by the test when it wants."""
    if not Path(serving.REDIS).exists():
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    redis = serving.start_redis()
    yield redis.process, serving.redis_url(redis)
    redis.stop()


@pytest.fixture
def engine_at(settings):
    def point(url: str) -> None:
        settings.SEARCH_URL = url
        get_engine.cache_clear()

    yield point
    get_engine.cache_clear()


@pytest.fixture(autouse=True)
def search_index(engine_at, tmp_path):
    engine_at(f"sqlite:///{tmp_path / 'search.sqlite3'}")
    get_engine().ensure_index()


def test_liveness_asks_nothing(client):
    response = client.get("/health/live")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_reports_every_dependency(client):
    response = client.get("/health/ready")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "page cache": "ok",
        "task queue": "ok",
        "search engine": "ok",
    }


def test_a_stopped_redis_cache_makes_the_server_unready(client, settings, redis_server):
    process, url = redis_server
    redis_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    settings.CACHES = {**settings.CACHES, "default": redis_cache}
    assert client.get("/health/ready").status_code == 200
    process.terminate()
    process.wait(10)
    response = client.get("/health/ready")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"].startswith("unavailable: ConnectionError")
    assert checks["database"] == "ok"


def test_a_search_engine_that_does_not_answer_makes_the_server_unready(client, engine_at):
    engine_at(f"opensearch+http://127.0.0.1:{serving.free_port()}")
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["search engine"].startswith("unavailable: EngineUnavailable")


def test_a_queue_no_worker_takes_from_makes_the_server_unready(client, settings):
    settings.TASKS = DB_TASKS
    settings.CMS_HEALTH_QUEUE_STALL_SECONDS = 300
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="cms.core.stalled_tasks.recover",
        backend_name="default",
        run_after=timezone.now() - datetime.timedelta(minutes=10),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["task queue"].startswith("stalled")


def test_request_ids_are_honoured_or_generated_and_returned(client):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="proxy-abc-12345")
    assert response["X-Request-ID"] == "proxy-abc-12345"
    generated = client.get("/health/live", HTTP_X_REQUEST_ID="<bad id>")["X-Request-ID"]
    assert generated != "<bad id>" and len(generated) == 32


def test_every_log_line_of_a_request_is_json_with_its_request_id(rf):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("cms.health-test")
    logger.addHandler(handler)

    def view(request):
        logger.warning("publishing %s", "hop-tac", extra={"page_id": 7})
        return HttpResponse()

    try:
        RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="proxy-abc-12345"))
        logger.warning("outside")
    finally:
        logger.removeHandler(handler)
    inside, outside = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["message"] == "publishing hop-tac" and inside["level"] == "WARNING"
    assert inside["request_id"] == "proxy-abc-12345" and inside["page_id"] == 7
    assert outside["request_id"] == ""
