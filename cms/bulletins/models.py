"""Bulletins, their issues (ordered articles and an editorial per language), subscribers and
the per-recipient send records."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from locales import registry
from sites.models import Channel

BILINGUAL_LANGUAGES = (registry.SOURCE_LANGUAGE, "en")


class Bulletin(models.Model):
    """A newsletter a site publishes (the Department of Foreign Affairs' and the Friendship
    Union's); its name in every edition language."""

    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="bulletins", verbose_name=_("site")
    )
    slug = models.SlugField(_("slug"), unique=True)
    names = models.JSONField(_("names"), default=dict, help_text=_("Language code → name"))
    from_email = models.EmailField(_("sender address"))

    class Meta:
        ordering = ["slug"]
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")

    def __str__(self) -> str:
        return self.name(registry.SOURCE_LANGUAGE)

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get(registry.SOURCE_LANGUAGE, self.slug)


class Issue(models.Model):
    """One issue of a bulletin: articles in the editors' order and an editorial per language."""

    class Layout(models.TextChoices):
        SINGLE = "single", _("One language per recipient")
        BILINGUAL = "bilingual", _("Bilingual: Vietnamese and English side by side")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="issues", verbose_name=_("bulletin")
    )
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"), default=datetime.date.today)
    layout = models.CharField(
        _("layout"), max_length=10, choices=Layout.choices, default=Layout.SINGLE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sending finished"), null=True, blank=True)

    class Meta:
        ordering = ["bulletin", "-number"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "number"], name="bulletin_issue_number")
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} {self.number}"


class Editorial(models.Model):
    """The issue's editorial in one language (Vietnamese is the source)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="editorials")
    language = models.CharField(max_length=10, choices=registry.django_languages())
    text = models.TextField(_("editorial"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "language"], name="one_editorial_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.issue} ({self.language})"


class IssueItem(models.Model):
    """An article in an issue: the Vietnamese original; its editions are the live (approved)
    translations found by translation key when the issue is rendered."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "article"], name="article_once_per_issue")
        ]

    def __str__(self) -> str:
        return f"{self.issue}: {self.position}"


class Subscriber(models.Model):
    """An address on a bulletin's list. Receives issues only once confirmed (double opt-in)."""

    class OrganisationType(models.TextChoices):
        EMBASSY = "embassy", _("Embassy or consulate")
        INTERNATIONAL = "international", _("International organisation")
        NGO = "ngo", _("Non-governmental organisation")
        COMPANY = "company", _("Company")
        PRESS = "press", _("Press")

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting confirmation")
        ACTIVE = "active", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        BOUNCED = "bounced", _("address rejected")

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="subscribers", verbose_name=_("bulletin")
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=20, choices=OrganisationType.choices
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        validators=[
            RegexValidator(r"^[A-Z]{2}$", _("Enter a two-letter country code (ISO 3166)."))
        ],
        help_text=_("Two-letter code, e.g. FR, JP, LA"),
    )
    languages = models.JSONField(_("preferred languages"), default=list)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    bounce_reason = models.TextField(_("rejection"), blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "email"], name="one_subscription_each")
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def language(self) -> str:
        """The language a single-language issue is sent in: the first preferred edition."""
        return next(
            (code for code in self.languages if code in registry.CODES), registry.SOURCE_LANGUAGE
        )


class Delivery(models.Model):
    """One recipient of one issue: created when sending starts, claimed by one worker before
    the SMTP transaction and marked after it, so no one receives an issue twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        UNCONFIRMED = "unconfirmed", _("not confirmed (worker stopped while sending)")
        FAILED = "failed", _("failed")
        BOUNCED = "bounced", _("rejected by the server")
        SKIPPED = "skipped", _("skipped (unsubscribed)")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_each")
        ]
        indexes = [models.Index(fields=["issue", "status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber_id}"


class SendLogEntry(models.Model):
    """What happened while an issue was sent (started, paused, resumed, finished)."""

    class Event(models.TextChoices):
        STARTED = "started", _("sending started")
        PAUSED = "paused", _("mail server unreachable; sending resumes later")
        UNCONFIRMED = "unconfirmed", _("sends interrupted by a stopped worker, not repeated")
        FINISHED = "finished", _("sending finished")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(default=timezone.now)
    event = models.CharField(max_length=12, choices=Event.choices)
    count = models.PositiveIntegerField(default=0)
    detail = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.issue}: {self.event}"
