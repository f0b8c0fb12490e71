"""Which quarter is due, the reports it needs, and the reminders around its deadline.

Each quarter's report is due ``REPORTS_DUE_DAYS`` (default 10) days after the quarter ends; a
draft for every active district portal, prefilled, exists from the quarter's first day after
its end. Reminders go to the district's editors at the thresholds ``REPORTS_REMINDER_DAYS``
(days relative to the deadline, default 7 and 1 before, 1 and 7 after) while the report is
neither submitted nor accepted; each threshold is acted on once per report (a
``ReportReminder`` row, and an outbox key per recipient), and when the scheduler was down over
several thresholds only the latest one is sent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.reports import mail
from cms.reports.lifecycle import district_editors
from cms.reports.models import QuarterlyReport, ReportReminder
from cms.reports.prefill import prefill
from sites.models import Channel

DEFAULT_REMINDER_DAYS = (-7, -1, 1, 7)


def reminder_days() -> tuple[int, ...]:
    return tuple(sorted(getattr(settings, "REPORTS_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)))


def due_quarter(today: datetime.date) -> tuple[int, int]:
    """The quarter whose report is due next or was due last: the one before ``today``'s."""
    quarter = (today.month - 1) // 3 + 1
    return (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)


def ensure_reports(year: int, quarter: int) -> list[QuarterlyReport]:
    """A prefilled draft for every active district portal that has none for the quarter."""
    have = set(
        QuarterlyReport.objects.filter(year=year, quarter=quarter).values_list(
            "channel_id", flat=True
        )
    )
    made = []
    for channel in (
        Channel.objects.active().filter(kind=Channel.Kind.DISTRICT).select_related("home_page")
    ):
        if channel.pk in have:
            continue
        report = QuarterlyReport(channel=channel, year=year, quarter=quarter)
        prefill(report)
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:  # created meanwhile by another run
            continue
        made.append(report)
    return made


def threshold_reached(report: QuarterlyReport, today: datetime.date) -> int | None:
    """The latest reminder threshold reached on ``today``, or None."""
    reached = [d for d in reminder_days() if today >= report.due_date + datetime.timedelta(days=d)]
    return reached[-1] if reached else None


def pending(year: int, quarter: int):
    return QuarterlyReport.objects.filter(
        year=year, quarter=quarter, status__in=QuarterlyReport.EDITABLE
    ).select_related("channel")


def send_reminders(today: datetime.date | None = None) -> int:
    """Create the due quarter's drafts and send the reminders now due; returns how many
    reports were reminded about."""
    today = today or timezone.localdate()
    year, quarter = due_quarter(today)
    ensure_reports(year, quarter)
    reminded = 0
    for report in pending(year, quarter):
        offset = threshold_reached(report, today)
        if offset is None or report.reminders.filter(offset_days__gte=offset).exists():
            continue
        with transaction.atomic():
            record, created = ReportReminder.objects.get_or_create(
                report=report, offset_days=offset, defaults={"sent_at": timezone.now()}
            )
            if not created:
                continue
            kind = "before" if offset < 0 else "after"
            record.recipients = mail.send(
                report, kind, district_editors(report), f"report-{report.pk}-reminder{offset:+d}"
            )
            record.save(update_fields=["recipients"])
        reminded += 1
    return reminded


def anything_due(today: datetime.date | None = None) -> bool:
    """Cheap check for the scheduler: a draft to create or a reminder to send."""
    today = today or timezone.localdate()
    year, quarter = due_quarter(today)
    districts = Channel.objects.active().filter(kind=Channel.Kind.DISTRICT).count()
    if QuarterlyReport.objects.filter(year=year, quarter=quarter).count() < districts:
        return True
    return any(
        (offset := threshold_reached(report, today)) is not None
        and not report.reminders.filter(offset_days__gte=offset).exists()
        for report in pending(year, quarter)
    )
