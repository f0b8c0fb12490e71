"""A report's steps: draft → submitted → returned (with a reason, back to the district) or
accepted. Each step checks who acts and from which state, is logged, and tells the other side
by e-mail in the same transaction (so the mail goes only if the step is committed)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.reports import mail
from cms.reports.models import QuarterlyReport, ReportEvent
from cms.reports.permissions import can_prepare, can_review, reviewing_site
from locales.text import nfc
from sites import roles
from sites.models import Channel

Status = QuarterlyReport.Status


class ReportError(Exception):
    """A step that the report's state does not allow; the message is for the user."""


def missing_figures(report: QuarterlyReport) -> list[str]:
    """The labels of the figures still empty (submission needs them all)."""
    return [
        QuarterlyReport.label(name)
        for name in QuarterlyReport.FIGURES
        if getattr(report, name) is None
    ]


def _reviewers():
    channel = Channel.objects.filter(slug=reviewing_site()).first()
    return roles.members(roles.Role.APPROVERS, channel=channel) if channel else []


def district_editors(report: QuarterlyReport):
    return roles.members(roles.Role.EDITORS, channel=report.channel)


def _key(report: QuarterlyReport, action: str) -> str:
    return f"report-{report.pk}-{action}-{report.events.count()}"


def submit(report: QuarterlyReport, user) -> None:
    if not can_prepare(user, report):
        raise PermissionDenied
    missing = missing_figures(report)
    if missing:
        raise ReportError(
            _("Fill in every figure before submitting: %(fields)s") % {"fields": ", ".join(missing)}
        )
    with transaction.atomic():
        report.status = Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = user
        report.save()
        mail.send(report, "submitted", _reviewers(), _key(report, "submitted"))
        ReportEvent.objects.create(report=report, actor=user, action="submitted")


def _decide(report: QuarterlyReport, user, status: str, reason: str = "") -> None:
    if not can_review(user):
        raise PermissionDenied
    if report.status != Status.SUBMITTED:
        raise ReportError(_("Only a submitted report can be accepted or returned."))
    with transaction.atomic():
        report.status = status
        report.decided_at = timezone.now()
        report.decided_by = user
        report.return_reason = reason
        report.save()
        mail.send(report, status, district_editors(report), _key(report, status))
        ReportEvent.objects.create(report=report, actor=user, action=status, comment=reason)


def accept(report: QuarterlyReport, user) -> None:
    _decide(report, user, Status.ACCEPTED)


def return_for_changes(report: QuarterlyReport, user, reason: str) -> None:
    reason = nfc(reason or "").strip()
    if not reason:
        raise ReportError(_("Say why the report is returned."))
    _decide(report, user, Status.RETURNED, reason)
