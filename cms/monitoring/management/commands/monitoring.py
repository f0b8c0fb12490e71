"""``manage.py monitoring``: ``fetch`` the feeds that are due now (in this process),
``enqueue`` that work and the weekly digest for the task worker when due (the scheduler asks
every minute), ``digest START END`` to make a digest by hand."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from cms.monitoring import digest, fetching
from cms.monitoring.models import Source
from cms.monitoring.tasks import fetch_due_feeds, make_weekly_digest


class Command(BaseCommand):
    help = "Fetch the monitored feeds, or make a digest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["fetch", "enqueue", "digest"])
        parser.add_argument("dates", nargs="*", help="digest: first and last day, YYYY-MM-DD")

    def handle(self, *args, action: str, dates: list[str], **options) -> None:
        if action == "fetch":
            for attempt in fetching.fetch_due():
                self.stdout.write(
                    f"{attempt.source.name}: {attempt.get_outcome_display()} "
                    f"({attempt.new_clippings} new) {attempt.detail}".rstrip()
                )
        elif action == "enqueue":
            if Source.objects.due().exists():
                fetch_due_feeds.enqueue()
            if digest.weekly_due():
                make_weekly_digest.enqueue()
        else:
            try:
                start, end = (datetime.date.fromisoformat(value) for value in dates)
            except ValueError:
                raise CommandError("digest needs two dates: START END (YYYY-MM-DD)") from None
            made = digest.make(start, end)
            self.stdout.write(f"Digest {made} made: {made.clippings} clippings.")
