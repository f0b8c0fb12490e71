"""Signed links for a subscriber: confirming the address (valid for a week), unsubscribing
and the preference page (valid as long as the subscription). A token names the address too,
so it stops working if the record is deleted and the number reused."""

from __future__ import annotations

from django.core import signing

from cms.bulletins.models import Subscriber

SALT = "cms.bulletins.subscriber"
CONFIRM = "confirm"
MANAGE = "manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def make(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, purpose, subscriber.email], salt=SALT)


def read(token: str, purpose: str) -> Subscriber | None:
    """The subscriber a valid, unexpired token of ``purpose`` names, else ``None``."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    try:
        pk, signed_purpose, email = signing.loads(token, salt=SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if signed_purpose != purpose:
        return None
    return (
        Subscriber.objects.select_related("bulletin__channel__site")
        .filter(pk=pk, email=email)
        .first()
    )
