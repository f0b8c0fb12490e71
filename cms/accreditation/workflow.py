"""The life of a request: received → in review → information requested → approved or refused.
Every step is recorded in the request's history and e-mailed to the journalist in their
language; a decided request can be reopened (back in review)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cms.accreditation import mail
from cms.accreditation.models import AccreditationRequest, RequestEvent

Status = AccreditationRequest.Status

NEXT: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (
        Status.IN_REVIEW,
        Status.INFORMATION_REQUESTED,
        Status.APPROVED,
        Status.REFUSED,
    ),
    Status.IN_REVIEW: (Status.INFORMATION_REQUESTED, Status.APPROVED, Status.REFUSED),
    Status.INFORMATION_REQUESTED: (Status.IN_REVIEW, Status.APPROVED, Status.REFUSED),
    Status.APPROVED: (Status.IN_REVIEW, Status.REFUSED),
    Status.REFUSED: (Status.IN_REVIEW,),
}


class StepRefused(Exception):
    """The step is not possible from the request's current state."""


def received(request: AccreditationRequest) -> RequestEvent:
    """Record a new request and acknowledge it to the journalist."""
    with transaction.atomic():
        event = RequestEvent.objects.create(
            request=request, status_to=Status.RECEIVED, emailed=True
        )
        mail.notify(event)
    return event


def step(
    request: AccreditationRequest, user, *, status: str = "", message: str = ""
) -> RequestEvent:
    """A press officer moves ``request`` to ``status`` (or keeps it) and/or writes to the
    journalist; both are e-mailed."""
    if request.erased_at is not None:
        raise StepRefused("erased")
    if status and status not in NEXT[request.status]:
        raise StepRefused(f"{request.status} → {status}")
    now = timezone.now()
    with transaction.atomic():
        event = RequestEvent.objects.create(
            request=request,
            author=user,
            status_from=request.status if status else "",
            status_to=status,
            message=message,
            emailed=True,
            created_at=now,
        )
        if status:
            request.status = status
            request.decided_at = now if status in (Status.APPROVED, Status.REFUSED) else None
        request.updated_at = now
        request.save(update_fields=["status", "decided_at", "updated_at"])
        mail.notify(event)
    return event
