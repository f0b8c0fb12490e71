"""A journalist's request (accreditation for events, or information on topics) and its
history: each change of state and each message between the press office and the journalist."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accreditation.storage import private_storage
from locales import registry
from sites import roles


def _reference() -> str:
    """A short reference the journalist quotes (no personal data in it)."""
    return secrets.token_hex(4).upper()


def _press_card_path(instance: AccreditationRequest, filename: str) -> str:
    """A random name: the journalist's file name is not kept (it often carries their name)."""
    return f"press-cards/{secrets.token_hex(16)}{filename[filename.rfind('.') :]}"


class AccreditationRequestQuerySet(models.QuerySet):
    def for_officer(self, user) -> AccreditationRequestQuerySet:
        """Requests ``user`` may see: every site's for superusers, else those of the sites
        where they are a press officer."""
        if not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(channel__in=_officer_channels(user))


def _officer_channels(user) -> list[int]:
    return [
        r.channel_id
        for r in roles.user_roles(user)
        if r.role == roles.PRESS_OFFICERS and r.channel_id
    ]


class AccreditationRequest(models.Model):
    """One request from the public form. Personal data (name, outlet, contact, press card,
    messages) is erased after the retention period; what is left (site, language, kind,
    country, state and dates) feeds anonymous statistics."""

    class Kind(models.TextChoices):
        ACCREDITATION = "accreditation", _("Accreditation for events")
        INFORMATION = "information", _("Information request")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_REVIEW = "in_review", _("In review")
        INFORMATION_REQUESTED = "information_requested", _("Information requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    reference = models.CharField(_("reference"), max_length=12, unique=True, default=_reference)
    channel = models.ForeignKey(
        "channels.Channel",
        on_delete=models.PROTECT,
        related_name="accreditation_requests",
        verbose_name=_("site"),
    )
    language = models.CharField(_("language"), max_length=10, choices=registry.django_languages())
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED
    )
    name = models.CharField(_("full name"), max_length=200)
    outlet = models.CharField(_("media outlet"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    press_card = models.FileField(
        _("press card"), storage=private_storage, upload_to=_press_card_path, blank=True
    )
    press_card_type = models.CharField(max_length=50, blank=True)
    events = models.ManyToManyField(
        "press.PressEventPage",
        blank=True,
        related_name="accreditation_requests",
        verbose_name=_("events"),
    )
    topics = models.TextField(_("events or topics"), blank=True)
    date_from = models.DateField(_("first day"), null=True, blank=True)
    date_to = models.DateField(_("last day"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("last activity"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = AccreditationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accreditation request")
        verbose_name_plural = _("accreditation requests")
        indexes = [models.Index(fields=["channel", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}" if self.name else self.reference

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.APPROVED, self.Status.REFUSED)


class RequestEvent(models.Model):
    """A step in a request's history: a change of state, a reply to the journalist, or an
    internal note, with the e-mail it sent (if any)."""

    request = models.ForeignKey(
        AccreditationRequest, on_delete=models.CASCADE, related_name="history"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    status_from = models.CharField(
        max_length=30, blank=True, choices=AccreditationRequest.Status.choices
    )
    status_to = models.CharField(
        max_length=30, blank=True, choices=AccreditationRequest.Status.choices
    )
    message = models.TextField(_("message"), blank=True)
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.status_from} → {self.status_to}"


@receiver(post_delete, sender=AccreditationRequest)
def _delete_press_card(sender, instance: AccreditationRequest, **kwargs) -> None:
    """A deleted request (demo removal, an administrator) takes its press card file along."""
    if name := instance.press_card.name:
        storage = instance.press_card.storage
        transaction.on_commit(lambda: storage.delete(name))
