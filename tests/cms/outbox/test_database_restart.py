"""The database drops every connection (a PostgreSQL restart, or an administrator terminating
the backends): the application answers the next request, the task worker — restarted by its
supervisor if the lost connection stopped it — delivers every e-mail queued before and after,
each exactly once."""

from __future__ import annotations

import os
import urllib.request
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.core.mail import EmailMessage
from django.db import connection, connections
from django.db.utils import InterfaceError, OperationalError
from django.test import override_settings
from django_tasks_db.management.commands.db_worker import Worker

from cms.outbox.models import OutgoingMail
from tests.cms.outbox.test_delivery import MailServer

SERVER_URL = os.environ.get("DATABASE_URL", "")
POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))

pytestmark = [
    pytest.mark.skipif(
        not POSTGRES,
        reason="needs DATABASE_URL on a PostgreSQL server (CI's second pass); an SQLite "
        "database has no server to restart",
    ),
    pytest.mark.django_db(transaction=True),
]


def drop_every_connection() -> int:
    """pg_terminate_backend on every other connection to the test database, as a restart
    does; returns how many were cut."""
    parts = urlsplit(SERVER_URL)
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as server:
        cut = server.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        ).fetchone()
    return cut[0] if cut else 0


def run_worker() -> None:
    """The real ``db_worker`` loop, until the queue is empty."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="restart-test",
    ).run()


def supervised_worker() -> int:
    """Run the worker as a supervisor (systemd ``Restart=always``) would: a worker stopped by a
    lost connection starts again with a new one. Returns how many restarts it took."""
    restarts = 0
    while True:
        try:
            run_worker()
            return restarts
        except (OperationalError, InterfaceError):
            restarts += 1
            assert restarts < 3, "the worker cannot reconnect"
            connections.close_all()


@pytest.fixture
def mail_server():
    server = MailServer()
    server.start()
    with override_settings(
        EMAIL_BACKEND="cms.outbox.backend.OutboxBackend",
        OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.port,
        EMAIL_TIMEOUT=5,
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    ):
        yield server
    server.stop()


def queue_mail(count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        EmailMessage(f"Thư {n}", "Nội dung", "cms@example.org", [f"r{n}@example.org"]).send()


def reader_page(live_server) -> int:
    request = urllib.request.Request(
        f"{live_server.url}/sitemap.xml", headers={"Host": "hanoimoi.localhost:8000"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def test_the_app_and_the_worker_recover_when_the_database_drops_their_connections(
    live_server, mail_server
):
    assert reader_page(live_server) == 200
    queue_mail(3)
    run_worker()
    assert len(mail_server.inbox.messages) == 3

    assert drop_every_connection() >= 1
    assert reader_page(live_server) == 200, "the application answers the next request"
    connections.close_all()  # a new process queues more mail
    queue_mail(2, start=3)
    assert drop_every_connection() >= 1
    restarts = supervised_worker()

    ids = [message["Message-ID"] for message in mail_server.inbox.messages]
    assert len(ids) == 5, "lost: 0"
    assert len(set(ids)) == 5, "duplicates: 0"
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    assert restarts == 1, "the cut connection stopped the worker once"
