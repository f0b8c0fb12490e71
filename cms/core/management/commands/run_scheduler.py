"""``manage.py run_scheduler``: publish and expire scheduled pages every minute (what cron does
in production), send reader-search updates and e-mail still queued (engine or mail server was
down), erase journalists' personal data past its retention period, resume bulletins still
being sent, requeue tasks whose worker died, remove readers' page files past their lifetime,
and hand due foreign-press feeds and the weekly digest to the worker, until stopped."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cms.core import page_files


class Command(BaseCommand):
    help = "Run Wagtail's publish_scheduled every --interval seconds until stopped."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, interval: int = 60, **options) -> None:
        self.stdout.write(f"Scheduler: publishing and expiring scheduled pages every {interval}s.")
        try:
            while True:
                call_command("publish_scheduled", verbosity=0)
                try:
                    call_command("search_index", "sync", verbosity=0)
                except CommandError as error:
                    self.stderr.write(str(error))
                call_command("desk_reminders", verbosity=0)
                call_command("oversight_tick", verbosity=0)
                call_command("reports_tick", verbosity=0)
                call_command("procedure_reminders", verbosity=0)
                call_command("outbox", "deliver", verbosity=0)
                call_command("accreditation_retention", verbosity=0)
                call_command("send_bulletins", verbosity=0)
                call_command("recover_tasks", verbosity=0)
                if page_files.enabled():
                    call_command("page_files", "sweep", verbosity=0)
                call_command("monitoring", "enqueue", verbosity=0)
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")
