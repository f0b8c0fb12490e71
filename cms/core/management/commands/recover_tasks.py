"""``manage.py recover_tasks``: requeue background tasks whose worker died, or fail them after
``TASK_MAX_RUNS`` starts (the scheduler runs it every minute)."""

from django.core.management.base import BaseCommand

from cms.core.stalled_tasks import recover_stalled


class Command(BaseCommand):
    help = "Requeue tasks left RUNNING by a dead worker; fail them after TASK_MAX_RUNS starts."

    def handle(self, *args, **options) -> None:
        recovery = recover_stalled()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{recovery.requeued} requeued, {recovery.failed} failed.")
