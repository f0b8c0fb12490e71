"""``manage.py oversight_tick``: run by the scheduler every minute; enqueues a refresh of the
dashboard's figures when they are older than ``OVERSIGHT_REFRESH_MINUTES`` and, from Monday
on, the week's digest (sent once per week and user, whatever the number of ticks)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.oversight import tasks
from cms.oversight.digest import week_key
from cms.oversight.models import DigestWeek


class Command(BaseCommand):
    help = "Enqueue the oversight figures' refresh and the weekly digest when they are due."

    def handle(self, *args, **options) -> None:
        if tasks.is_due():
            tasks.refresh_figures.enqueue()
        today = timezone.localdate()
        weekday = getattr(settings, "OVERSIGHT_DIGEST_WEEKDAY", 0)
        week = week_key(today)
        if today.weekday() >= weekday and not DigestWeek.objects.filter(week=week).exists():
            tasks.send_weekly_digest.enqueue()
