"""``manage.py outbox deliver``: send what is due now (the scheduler runs it every minute);
``manage.py outbox status``: counts per state, the failed messages listed."""

from django.core.management.base import BaseCommand
from django.db.models import Count

from cms.outbox.delivery import deliver_due
from cms.outbox.models import OutgoingMail


class Command(BaseCommand):
    help = "Deliver due e-mail from the outbox, or show its state."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["deliver", "status"])

    def handle(self, *args, action: str, **options) -> None:
        if action == "deliver":
            result = deliver_due()
            if options["verbosity"] >= 1:
                self.stdout.write(f"{result.sent} sent, {result.failed} failed (will retry).")
            return
        counts = dict(OutgoingMail.objects.values_list("status").annotate(n=Count("pk")).order_by())
        self.stdout.write(", ".join(f"{s}: {counts.get(s, 0)}" for s in OutgoingMail.Status))
        for mail in OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED)[:50]:
            self.stdout.write(f"  #{mail.pk} {mail.to} {mail.subject!r}: {mail.last_error}")
