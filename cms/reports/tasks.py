"""Worker task: the due quarter's drafts and reminders (enqueued by ``manage.py reports_tick``)."""

from __future__ import annotations

from django_tasks import task

from cms.reports import schedule


@task()
def send_report_reminders() -> int:
    return schedule.send_reminders()
