"""Notifications about translation jobs (queued, assigned, in review, returned, approved, due,
overdue, source changed, cancelled): one admin notification and one e-mail per recipient, both
in the recipient's admin language (their preference, else the site's default language; never
the language of whoever triggered it). E-mail goes through the outbox from a background task,
so an unreachable mail server never blocks the desk; its link opens the job on the host of the
job's site (or ``CMS_ADMIN_BASE_URL`` where the admin has a host of its own)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from cms.outbox.backend import KEY_HEADER
from cms.translation.models import Notification, TranslationJob
from sites import roles

QUEUED = "queued"
ASSIGNED = "assigned"
APPROVED = "approved"
RETURNED = "returned"
REVIEW_REQUESTED = "review_requested"
DEADLINE_APPROACHING = "deadline_approaching"
OVERDUE = "overdue"
SOURCE_CHANGED = "source_changed"
JOB_ENDED = "job_ended"
UNREAD_SHOWN = 20


#: What each kind of notification says, filled in with the job's title, language, deadline
#: and the comment that came with it.
MESSAGES = {
    QUEUED: gettext_lazy(
        "The translation of “%(title)s” into %(language)s is waiting in the queue, "
        "due %(deadline)s."
    ),
    APPROVED: gettext_lazy("The translation of “%(title)s” into %(language)s was approved."),
    ASSIGNED: gettext_lazy(
        "You were assigned the translation of “%(title)s” into %(language)s, due %(deadline)s."
    ),
    RETURNED: gettext_lazy(
        "Your translation of “%(title)s” into %(language)s was returned for changes: %(comment)s"
    ),
    REVIEW_REQUESTED: gettext_lazy(
        "The translation of “%(title)s” into %(language)s awaits your review."
    ),
    DEADLINE_APPROACHING: gettext_lazy(
        "The translation of “%(title)s” into %(language)s is due %(deadline)s."
    ),
    OVERDUE: gettext_lazy(
        "The translation of “%(title)s” into %(language)s is overdue (due %(deadline)s)."
    ),
    SOURCE_CHANGED: gettext_lazy(
        "The source of “%(title)s” changed; its %(language)s translation is out of date."
    ),
    JOB_ENDED: gettext_lazy(
        "The translation of “%(title)s” into %(language)s was cancelled: %(comment)s"
    ),
}


def _message(kind: str, job: TranslationJob, comment: str) -> str:
    values = {
        "title": job.source_page.title,
        "language": job.target_locale.get_display_name(),
        "deadline": formats.date_format(timezone.localtime(job.deadline), "SHORT_DATETIME_FORMAT"),
        "comment": comment,
    }
    return str(MESSAGES[kind]) % values


def text(notification: Notification) -> str:
    """``notification`` in the active language (the reader's admin language now), or as it was
    sent when its job is gone."""
    if notification.job is None or notification.kind not in MESSAGES:
        return notification.message
    return _message(notification.kind, notification.job, notification.comment)


def unread(user) -> list[Notification]:
    """The latest unread notifications of ``user``, each with its ``text`` in the active
    language (one query)."""
    found = list(
        user.desk_notifications.filter(read_at__isnull=True).select_related(
            "job__source_page", "job__target_locale"
        )[:UNREAD_SHOWN]
    )
    for notification in found:
        notification.text = text(notification)
    return found


def user_language(user) -> str:
    """The admin language ``user`` chose, else the site's default language. (Wagtail's own
    ``get_preferred_language`` falls back to the active language: that of the request which
    triggered the notification, not the recipient's.)"""
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.preferred_language if profile else ""
    permitted = {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    return language if language in permitted else settings.LANGUAGE_CODE


def admin_base_url(job: TranslationJob) -> str:
    """Where the recipient opens the admin: ``CMS_ADMIN_BASE_URL`` if the admin has a host of
    its own, else the host of the job's site (every site's hostname serves the admin), else
    ``WAGTAILADMIN_BASE_URL``."""
    configured = getattr(settings, "CMS_ADMIN_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    site = job.channel.site if job.channel is not None else None
    if site is not None:
        return site.root_url.rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def job_link(job: TranslationJob) -> str:
    return admin_base_url(job) + reverse("desk:job", args=[job.pk])


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
            recipient=user, job=job, kind=kind, message=message, comment=comment
        )
        if user.email:
            send_notification_email.enqueue(notification.pk)


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient", "job__channel__site").get(
        pk=notification_id
    )
    user = notification.recipient
    with translation.override(user_language(user)):
        subject = _("Translation desk: %(message)s") % {
            "message": Truncator(notification.message).chars(80)
        }
        link = job_link(notification.job) if notification.job is not None else ""
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
