"""Telling oversight staff about a force publication: an in-admin notice for every oversight
user and an e-mail to those with an address, each in the recipient's admin language. The
e-mail goes through the durable outbox (``EMAIL_BACKEND``), stored in the publication's own
transaction, so it is sent once the publication is committed and never otherwise."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from cms.editorial.models import ForcePublication, OversightNotice
from sites import roles
from sites.models import Channel


def _language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile.get_preferred_language() if profile else "") or settings.LANGUAGE_CODE


def _email(record: ForcePublication, channel: Channel | None, user) -> EmailMessage:
    values = {
        "site": channel.name if channel else record.page.get_site().site_name,
        "title": record.page.title,
        "user": record.user.get_full_name() or record.user.get_username(),
        "when": formats.date_format(record.created_at, "SHORT_DATETIME_FORMAT"),
        "category": record.get_category_display(),
        "reason": record.reason,
    }
    subject = _("Published without approval on %(site)s: %(title)s") % values
    body = "\n\n".join(
        [
            _("%(user)s published “%(title)s” on %(site)s without approval at %(when)s.") % values,
            _("Reason: %(category)s. %(reason)s") % values,
            settings.WAGTAILADMIN_BASE_URL + reverse("editorial_oversight"),
        ]
    )
    return EmailMessage(subject, body + "\n", settings.DEFAULT_FROM_EMAIL, [user.email])


def notify_oversight(record: ForcePublication) -> int:
    """Notify every active oversight user of ``record``; returns how many were notified."""
    channel = Channel.objects.for_page(record.page)
    recipients = list(roles.members(roles.Role.OVERSIGHT))
    OversightNotice.objects.bulk_create(
        OversightNotice(recipient=user, force_publication=record) for user in recipients
    )
    for user in recipients:
        if user.email:
            with translation.override(_language(user)):
                _email(record, channel, user).send()
    return len(recipients)
