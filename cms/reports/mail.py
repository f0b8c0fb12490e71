"""E-mails about reports, through the durable outbox, each in the recipient's admin language;
an outbox key per message makes sending the same notice twice a no-op."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from cms.outbox.backend import KEY_HEADER
from cms.reports.models import QuarterlyReport


def _language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile.get_preferred_language() if profile else "") or settings.LANGUAGE_CODE


def _values(report: QuarterlyReport) -> dict[str, str]:
    return {
        "district": report.channel.name,
        "period": report.period,
        "due": formats.date_format(report.due_date, "SHORT_DATE_FORMAT"),
        "reason": report.return_reason,
    }


SUBJECTS = {
    "submitted": lambda: _("Quarterly report %(period)s submitted by %(district)s"),
    "returned": lambda: _("Quarterly report %(period)s of %(district)s returned"),
    "accepted": lambda: _("Quarterly report %(period)s of %(district)s accepted"),
    "before": lambda: _(
        "Reminder: the quarterly report %(period)s of %(district)s is due on %(due)s"
    ),
    "after": lambda: _(
        "Overdue: the quarterly report %(period)s of %(district)s was due on %(due)s"
    ),
}
BODIES = {
    "submitted": lambda: _("%(district)s has submitted its report for %(period)s."),
    "returned": lambda: _(
        "The Department of Foreign Affairs returned the report for %(period)s: %(reason)s"
    ),
    "accepted": lambda: _("The Department of Foreign Affairs accepted the report for %(period)s."),
    "before": lambda: _(
        "The report for %(period)s has not been submitted yet; it is due on %(due)s."
    ),
    "after": lambda: _("The report for %(period)s has not been submitted; it was due on %(due)s."),
}


def send(report: QuarterlyReport, kind: str, users: Iterable, key: str) -> int:
    """Send the ``kind`` notice about ``report`` to every user with an address."""
    sent = 0
    for user in users:
        if not user.email:
            continue
        with translation.override(_language(user)):
            values = _values(report)
            body = "\n\n".join(
                [
                    BODIES[kind]() % values,
                    settings.WAGTAILADMIN_BASE_URL + reverse("reports_detail", args=[report.pk]),
                ]
            )
            EmailMessage(
                SUBJECTS[kind]() % values,
                body + "\n",
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
                headers={KEY_HEADER: f"{key}-{user.pk}"},
            ).send()
        sent += 1
    return sent
