"""Notifications about translation jobs: one admin notification and one e-mail per
recipient, both in the recipient's admin language. E-mail goes through a background task so an
unreachable mail server never blocks the desk."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tasks import task

from cms.outbox.backend import KEY_HEADER
from cms.translation.models import Notification, TranslationJob
from sites import roles

ASSIGNED = "assigned"
RETURNED = "returned"
REVIEW_REQUESTED = "review_requested"
DEADLINE_APPROACHING = "deadline_approaching"
OVERDUE = "overdue"
SOURCE_CHANGED = "source_changed"
JOB_ENDED = "job_ended"


def _message(kind: str, job: TranslationJob, comment: str) -> str:
    values = {
        "title": job.source_page.title,
        "language": job.target_locale.get_display_name(),
        "deadline": formats.date_format(job.deadline, "SHORT_DATETIME_FORMAT"),
        "comment": comment,
    }
    messages = {
        ASSIGNED: _(
            "You were assigned the translation of “%(title)s” into %(language)s, due %(deadline)s."
        ),
        RETURNED: _(
            "Your translation of “%(title)s” into %(language)s was returned for changes: "
            "%(comment)s"
        ),
        REVIEW_REQUESTED: _("The translation of “%(title)s” into %(language)s awaits your review."),
        DEADLINE_APPROACHING: _(
            "The translation of “%(title)s” into %(language)s is due %(deadline)s."
        ),
        OVERDUE: _(
            "The translation of “%(title)s” into %(language)s is overdue (due %(deadline)s)."
        ),
        SOURCE_CHANGED: _(
            "The source of “%(title)s” changed; its %(language)s translation is out of date."
        ),
        JOB_ENDED: _("The translation of “%(title)s” into %(language)s was cancelled: %(comment)s"),
    }
    return messages[kind] % values


def user_language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.get_preferred_language() if profile else ""
    return language or settings.LANGUAGE_CODE


def notify(recipients: Iterable, kind: str, job: TranslationJob, comment: str = "") -> None:
    """Tell each of ``recipients`` (active users, deduplicated) about ``job``."""
    seen = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        with translation.override(user_language(user)):
            message = _message(kind, job, comment)
        notification = Notification.objects.create(
            recipient=user, job=job, kind=kind, message=message
        )
        if user.email:
            send_notification_email.enqueue(notification.pk)


def _admin_base(notification: Notification) -> str:
    """The admin on the page's own site (the admin answers on every site's hostname)."""
    site = notification.job.source_page.get_site() if notification.job else None
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    user = notification.recipient
    with translation.override(user_language(user)):
        subject = _("Translation desk: %(message)s") % {
            "message": Truncator(notification.message).chars(80)
        }
        link = _admin_base(notification) + reverse("desk:job", args=[notification.job_id])
        body = f"{notification.message}\n\n{link}\n"
    # Keyed by the notification: a task that runs again (its worker died) stores no second copy.
    EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={KEY_HEADER: f"desk-notification:{notification.pk}"},
    ).send()


REMIND_BEFORE = datetime.timedelta(hours=4)


def send_deadline_reminders(now: datetime.datetime | None = None) -> int:
    """Remind assignees of jobs due within four hours, and tell assignees and the language's
    reviewers about overdue jobs; each once per job. Returns how many jobs were notified."""
    now = now or timezone.now()
    active = TranslationJob.objects.open().exclude(status=TranslationJob.Status.APPROVED)
    related = ("assignee", "source_page", "target_locale")
    count = 0
    for job in active.filter(
        deadline__gte=now, deadline__lt=now + REMIND_BEFORE, reminded_at__isnull=True
    ).select_related(*related):
        recipients = (
            [job.assignee]
            if job.assignee
            else roles.members(roles.Role.TRANSLATORS, language=job.language)
        )
        notify(recipients, DEADLINE_APPROACHING, job)
        TranslationJob.objects.filter(pk=job.pk).update(reminded_at=now)
        count += 1
    for job in active.filter(deadline__lt=now, overdue_notified_at__isnull=True).select_related(
        *related
    ):
        reviewers = roles.members(roles.Role.REVIEWERS, language=job.language)
        notify([job.assignee, *reviewers], OVERDUE, job)
        TranslationJob.objects.filter(pk=job.pk).update(overdue_notified_at=now)
        count += 1
    return count
