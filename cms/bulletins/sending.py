"""Sending an issue: one ``Delivery`` per recipient, created when sending starts; a worker
claims each (a conditional update, committed) before the SMTP transaction and marks it after,
over one SMTP connection, throttled to ``BULLETIN_SEND_RATE`` messages a second.

- Never twice: a delivery claimed by a worker that died (still ``sending`` after
  ``CLAIM_TIMEOUT``) may or may not have reached the server, so it is marked *unconfirmed*
  and not sent again; the others continue where the dead worker stopped.
- Retries: a temporary refusal (4xx) or an unreachable server puts the delivery back with the
  outbox's back-off; after ``MAX_ATTEMPTS`` it fails.
- Bounces: a permanent refusal of the address (5xx) marks the subscriber's address rejected.

This does not go through the outbox: the outbox stores whole messages and retries a message
whose worker died (at-least-once), where a bulletin renders per recipient at send time and
sends at most once; it reuses the outbox's transport setting and back-off."""

from __future__ import annotations

import datetime
import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.utils import timezone
from django_tasks import default_task_backend, task

from cms.bulletins.mail import IssueMailer
from cms.bulletins.models import Delivery, Issue, SendLogEntry, Subscriber
from cms.outbox.delivery import backoff

logger = logging.getLogger(__name__)
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 8
STALL_AFTER = datetime.timedelta(minutes=2)


class Throttle:
    """Spaces sends at most ``rate`` a second (no limit when ``rate`` is 0)."""

    def __init__(self, rate: float) -> None:
        self.interval = 1 / rate if rate else 0.0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def start(issue: Issue, user=None) -> int:
    """Create the deliveries of a draft issue (every confirmed subscriber) and ask the worker
    to send them; a second call does nothing. Returns the number of recipients."""
    with transaction.atomic():
        if not Issue.objects.filter(pk=issue.pk, status=Issue.Status.DRAFT).update(
            status=Issue.Status.SENDING, send_started_at=timezone.now()
        ):
            return 0
        recipients = issue.bulletin.subscribers.filter(status=Subscriber.Status.ACTIVE)
        Delivery.objects.bulk_create(
            [
                Delivery(issue=issue, subscriber_id=pk)
                for pk in recipients.values_list("pk", flat=True)
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        count = issue.deliveries.count()
        SendLogEntry.objects.create(
            issue=issue, event=SendLogEntry.Event.STARTED, count=count, user=user
        )
        send_issue.enqueue(issue.pk)
    issue.refresh_from_db()
    return count


def _mark_abandoned(issue: Issue, now: datetime.datetime) -> None:
    count = issue.deliveries.filter(
        status=Delivery.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(status=Delivery.Status.UNCONFIRMED)
    if count:
        SendLogEntry.objects.create(issue=issue, event=SendLogEntry.Event.UNCONFIRMED, count=count)


def _claim(pk: int, now: datetime.datetime) -> bool:
    return bool(
        Delivery.objects.filter(pk=pk, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def _finish(delivery: Delivery, status: str, error: str = "", **fields) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, claimed_at=None, last_error=error[:2000], **fields
    )


def _permanent(error: smtplib.SMTPException) -> tuple[bool, str]:
    """Whether the server refused for good (5xx), and its words."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
    else:
        code, text = getattr(error, "smtp_code", 0), getattr(error, "smtp_error", b"")
    words = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return 500 <= int(code) < 600, f"{code} {words}"


def _retry_or_fail(delivery: Delivery, reason: str, now: datetime.datetime) -> None:
    attempts = delivery.attempts  # counted when claimed
    if attempts >= MAX_ATTEMPTS:
        _finish(delivery, Delivery.Status.FAILED, reason)
    else:
        _finish(delivery, Delivery.Status.PENDING, reason, next_attempt_at=now + backoff(attempts))


def deliver(issue_id: int, *, now: datetime.datetime | None = None) -> int:
    """Send what is due of an issue; returns the number sent in this run."""
    now = now or timezone.now()
    issue = Issue.objects.select_related("bulletin__channel__site").get(pk=issue_id)
    _mark_abandoned(issue, now)
    mailer = IssueMailer(issue)
    throttle = Throttle(settings.BULLETIN_SEND_RATE)
    due = issue.deliveries.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
    sent = 0
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND)
    try:
        for pk in list(due.values_list("pk", flat=True)):
            if not _claim(pk, now):
                continue  # another worker has it
            delivery = Delivery.objects.select_related("subscriber").get(pk=pk)
            subscriber = delivery.subscriber
            subscriber.bulletin = issue.bulletin
            if subscriber.status != Subscriber.Status.ACTIVE:
                _finish(delivery, Delivery.Status.SKIPPED)
                continue
            message = mailer.message(subscriber)
            throttle.wait()
            try:
                connection.send_messages([message])
            except (
                smtplib.SMTPRecipientsRefused,
                smtplib.SMTPSenderRefused,
                smtplib.SMTPDataError,
            ) as error:
                permanent, reason = _permanent(error)
                if permanent and isinstance(error, smtplib.SMTPRecipientsRefused):
                    _finish(delivery, Delivery.Status.BOUNCED, reason)
                    Subscriber.objects.filter(pk=subscriber.pk).update(
                        status=Subscriber.Status.BOUNCED, bounce_reason=reason
                    )
                elif permanent:
                    _finish(delivery, Delivery.Status.FAILED, reason)
                else:
                    _retry_or_fail(delivery, reason, now)
                continue
            except Exception as error:  # the server is unreachable: pause the whole issue
                logger.warning("bulletin %s: mail server unreachable: %s", issue.pk, error)
                _retry_or_fail(delivery, f"{type(error).__name__}: {error}", now)
                due.update(next_attempt_at=now + backoff(1))
                SendLogEntry.objects.create(
                    issue=issue, event=SendLogEntry.Event.PAUSED, detail=str(error)[:500]
                )
                break
            _finish(delivery, Delivery.Status.SENT, sent_at=timezone.now())
            sent += 1
    finally:
        connection.close()
    _conclude(issue)
    return sent


def _conclude(issue: Issue) -> None:
    """Mark the issue sent when nothing is left, or schedule the next retry."""
    open_statuses = (Delivery.Status.PENDING, Delivery.Status.SENDING)
    left = issue.deliveries.filter(status__in=open_statuses)
    if not left.exists():
        if Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
            status=Issue.Status.SENT, sent_at=timezone.now()
        ):
            sent = issue.deliveries.filter(status=Delivery.Status.SENT).count()
            SendLogEntry.objects.create(issue=issue, event=SendLogEntry.Event.FINISHED, count=sent)
        return
    retry_at = left.filter(status=Delivery.Status.PENDING).aggregate(at=Min("next_attempt_at"))[
        "at"
    ]
    if retry_at is not None and retry_at > timezone.now() and default_task_backend.supports_defer:
        send_issue.using(run_after=retry_at).enqueue(issue.pk)


def report(issue: Issue) -> dict[str, int]:
    """How many deliveries are in each state."""
    counts = dict(
        issue.deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Delivery.Status.values}


def resume_stalled(now: datetime.datetime | None = None) -> list[int]:
    """Ask the worker again for every issue still being sent where nothing has moved for
    ``STALL_AFTER`` (its worker died, or its retry was never scheduled); an issue a worker
    is busy with is left to it. Returns the issues resumed."""
    now = now or timezone.now()
    recent = Q(claimed_at__gte=now - STALL_AFTER) | Q(sent_at__gte=now - STALL_AFTER)
    busy = Delivery.objects.filter(recent, issue=OuterRef("pk"))
    due = Delivery.objects.filter(
        Q(status=Delivery.Status.SENDING)
        | Q(status=Delivery.Status.PENDING, next_attempt_at__lte=now),
        issue=OuterRef("pk"),
    )
    stalled = list(
        Issue.objects.filter(status=Issue.Status.SENDING)
        .filter(Exists(due), ~Exists(busy))
        .values_list("pk", flat=True)
    )
    for pk in stalled:
        send_issue.enqueue(pk)
    return stalled


@task()
def send_issue(issue_id: int) -> int:
    """Send an issue's due deliveries (the worker runs this)."""
    return deliver(issue_id)
