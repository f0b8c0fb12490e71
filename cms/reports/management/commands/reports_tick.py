"""``manage.py reports_tick``: run by the scheduler every minute; enqueues the reminder task
when a draft is to be created or a reminder threshold is reached (each sent once)."""

from django.core.management.base import BaseCommand

from cms.reports import schedule, tasks


class Command(BaseCommand):
    help = "Enqueue the district reports' drafts and reminders when any is due."

    def handle(self, *args, **options) -> None:
        if schedule.anything_due():
            tasks.send_report_reminders.enqueue()
