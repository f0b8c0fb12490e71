"""Erasing personal data after the retention period (``ACCREDITATION_RETENTION_DAYS``, 180 by
default): counted from the decision for approved and refused requests, and from the last
activity for requests left waiting for the journalist's information. Requests still in the
press office's hands (received, in review) are never erased by the clock.

Erased: name, outlet, e-mail, telephone, press card (the file too), events or topics, dates,
the journalist's message and the messages in the history. Kept, for anonymous statistics:
site, language, kind, country, state, and the dates of receipt, decision and erasure."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.accreditation.models import AccreditationRequest, RequestEvent

Status = AccreditationRequest.Status


def retention() -> datetime.timedelta:
    return datetime.timedelta(days=settings.ACCREDITATION_RETENTION_DAYS)


def due(now: datetime.datetime | None = None) -> QuerySet[AccreditationRequest]:
    """Requests whose personal data is due for erasure at ``now``."""
    cutoff = (now or timezone.now()) - retention()
    return AccreditationRequest.objects.filter(erased_at__isnull=True).filter(
        Q(status__in=(Status.APPROVED, Status.REFUSED), decided_at__lt=cutoff)
        | Q(status=Status.INFORMATION_REQUESTED, updated_at__lt=cutoff)
    )


def erase(request: AccreditationRequest, now: datetime.datetime | None = None) -> None:
    """Erase ``request``'s personal data, keeping what the statistics need."""
    card = request.press_card.name
    with transaction.atomic():
        AccreditationRequest.objects.filter(pk=request.pk).update(
            name="",
            outlet="",
            email="",
            phone="",
            press_card="",
            press_card_type="",
            topics="",
            date_from=None,
            date_to=None,
            message="",
            erased_at=now or timezone.now(),
        )
        RequestEvent.objects.filter(request=request).update(message="")
        if card:
            storage = request.press_card.storage
            transaction.on_commit(lambda: storage.delete(card))
    request.refresh_from_db()


def erase_due(now: datetime.datetime | None = None) -> int:
    """Erase every request that is due; the number erased."""
    count = 0
    for request in due(now).iterator():
        erase(request, now)
        count += 1
    return count
