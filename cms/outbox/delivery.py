"""Delivering the outbox: each due message is claimed (one worker only), handed to the real
backend and marked sent; when the server is down it waits with back-off (1, 2, 4 … minutes, at
most an hour) and after ``MAX_ATTEMPTS`` it is marked failed for administrators to see.

A worker that dies while sending leaves its message claimed; after ``CLAIM_TIMEOUT`` it is
released and sent again with the same ``Message-ID``."""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Min
from django.utils import timezone
from django_tasks import default_task_backend, task

from cms.outbox.models import OutgoingMail

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 30  # 1, 2, 4 … 32 minutes, then hourly: about a day
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
# Refusals that concern one message only; any other error means the server is unreachable.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 60))


def request_delivery() -> None:
    """Ask the worker to deliver. The database task queue writes the task in the caller's
    transaction, so a rolled-back message is never looked for and a committed one never
    missed."""
    deliver_outbox.enqueue()


def _release_abandoned(now: datetime.datetime) -> int:
    return OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(status=OutgoingMail.Status.PENDING, claimed_at=None)


def _claim(mail_id: int, now: datetime.datetime) -> bool:
    return bool(
        OutgoingMail.objects.filter(pk=mail_id, status=OutgoingMail.Status.PENDING).update(
            status=OutgoingMail.Status.SENDING, claimed_at=now
        )
    )


def _failed(mail: OutgoingMail, error: Exception, now: datetime.datetime) -> None:
    mail.attempts += 1
    mail.last_error = f"{type(error).__name__}: {error}"[:2000]
    mail.claimed_at = None
    if mail.attempts >= MAX_ATTEMPTS:
        mail.status = OutgoingMail.Status.FAILED
        logger.error("outbox: giving up on message %s: %s", mail.pk, mail.last_error)
    else:
        mail.status = OutgoingMail.Status.PENDING
        mail.next_attempt_at = now + backoff(mail.attempts)
    mail.save(update_fields=["attempts", "last_error", "claimed_at", "status", "next_attempt_at"])


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0


def deliver_due(now: datetime.datetime | None = None) -> Delivery:
    """Send every due message. Stops at the first sign that the server is unreachable (the
    rest wait for their next attempt rather than for a timeout each)."""
    now = now or timezone.now()
    _release_abandoned(now)
    result = Delivery()
    for mail_id in OutgoingMail.objects.due(now).order_by("pk").values_list("pk", flat=True):
        if not _claim(mail_id, now):
            continue  # another worker has it
        mail = OutgoingMail.objects.get(pk=mail_id)
        try:
            get_connection(settings.OUTBOX_DELIVERY_BACKEND).send_messages([mail.as_message()])
        except Exception as error:  # any failure keeps the message for a later attempt
            logger.warning("outbox: message %s not sent: %s", mail.pk, error)
            _failed(mail, error, now)
            result.failed += 1
            if isinstance(error, MESSAGE_ERRORS):
                continue
            OutgoingMail.objects.due(now).update(next_attempt_at=now + backoff(1))
            break
        OutgoingMail.objects.filter(pk=mail_id).update(
            status=OutgoingMail.Status.SENT, sent_at=timezone.now(), claimed_at=None, last_error=""
        )
        result.sent += 1
    return result


def next_attempt() -> datetime.datetime | None:
    pending = OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING)
    return pending.aggregate(at=Min("next_attempt_at"))["at"]


@task()
def deliver_outbox() -> int:
    """Deliver what is due. After a failure, run again when the first retry is due (where the
    task backend can defer; the scheduler's minute loop delivers as well); a run that finds
    nothing to do does not, so retries never pile up."""
    result = deliver_due()
    retry_at = next_attempt()
    if result.failed and retry_at is not None and default_task_backend.supports_defer:
        deliver_outbox.using(run_after=max(retry_at, timezone.now())).enqueue()
    return result.sent
