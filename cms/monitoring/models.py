"""Foreign-press monitoring: the feeds watched, the keyword rules, the clippings they yield
(one per story, however many feeds carried it), each fetch's outcome, and the digests made
for the city's leaders."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.news.models import Topic

DEFAULT_INTERVAL_MINUTES = 60


class SourceQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime | None = None) -> SourceQuerySet:
        """Active sources never fetched or whose interval has passed."""
        now = now or timezone.now()
        return self.filter(active=True).filter(
            models.Q(next_fetch_at__isnull=True) | models.Q(next_fetch_at__lte=now)
        )


class Source(models.Model):
    """An RSS or Atom feed of a foreign outlet. ``etag`` and ``last_modified`` are what the
    outlet answered last time, sent back so an unchanged feed costs one short answer (304)."""

    class Outcome(models.TextChoices):
        NEW = "", _("not fetched yet")
        OK = "ok", _("fetched")
        NOT_MODIFIED = "not_modified", _("unchanged since last fetch")
        ERROR = "error", _("error")

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed address"), max_length=1000, unique=True)
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        help_text=_("Language code of the outlet (en, zh-hans, lo, km, fr…), if known"),
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)
    interval_minutes = models.PositiveIntegerField(
        _("fetch every (minutes)"), default=DEFAULT_INTERVAL_MINUTES
    )
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, editable=False)
    next_fetch_at = models.DateTimeField(_("next fetch"), null=True, editable=False)
    last_outcome = models.CharField(
        _("last outcome"), max_length=20, choices=Outcome.choices, blank=True, editable=False
    )
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    consecutive_errors = models.PositiveIntegerField(
        _("errors in a row"), default=0, editable=False
    )

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("monitored feed")
        verbose_name_plural = _("monitored feeds")

    def __str__(self) -> str:
        return self.name


class KeywordRule(models.Model):
    """A name or phrase that makes a story relevant, in any script. Matched after
    normalisation (``cms.monitoring.matching``): case and Latin diacritics are ignored, so
    "Ha Noi" finds "Hà Nội"; Lao, Khmer and Chinese are matched as written, without the
    invisible joiners Khmer text carries."""

    phrase = models.CharField(_("phrase"), max_length=200, unique=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("keyword rule")
        verbose_name_plural = _("keyword rules")

    def __str__(self) -> str:
        return self.phrase


class Clipping(models.Model):
    """One story about Hanoi in the foreign press, as staff work it: topic, tone and a
    Vietnamese summary. The same story seen in several feeds (same address, or a title that
    differs only in case, accents or punctuation) is one clipping with several sightings."""

    class Tone(models.TextChoices):
        UNSET = "", _("not assessed")
        POSITIVE = "positive", _("positive")
        NEUTRAL = "neutral", _("neutral")
        NEGATIVE = "negative", _("negative")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        SUMMARY_REQUESTED = "summary_requested", _("Vietnamese summary requested")
        READY = "ready", _("ready for the digest")
        DISCARDED = "discarded", _("not relevant")

    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="clippings", verbose_name=_("feed")
    )
    url = models.URLField(_("address"), max_length=1000, unique=True)
    title = models.CharField(_("title"), max_length=500)
    title_key = models.CharField(max_length=500, db_index=True, editable=False)
    excerpt = models.TextField(_("excerpt"), blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    matched = models.CharField(_("matched keywords"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    topic = models.ForeignKey(
        Topic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    tone = models.CharField(_("tone"), max_length=10, choices=Tone.choices, blank=True)
    summary_vi = models.TextField(
        _("Vietnamese summary"),
        blank=True,
        help_text=_(
            "Written by the press office, or started from a machine draft where an engine for "
            "the outlet's language is configured"
        ),
    )
    summary_provenance = models.CharField(
        _("summary written by"), max_length=200, blank=True, editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("clipping")
        verbose_name_plural = _("clippings")

    def __str__(self) -> str:
        return self.title


class Sighting(models.Model):
    """Where a clipping was seen: its first feed and address, and every duplicate merged
    into it."""

    clipping = models.ForeignKey(Clipping, on_delete=models.CASCADE, related_name="sightings")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=1000, unique=True)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sighting")
        verbose_name_plural = _("sightings")

    def __str__(self) -> str:
        return self.url


class FetchAttempt(models.Model):
    """The outcome of fetching one feed once: errors stay on record for the feed's page."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    outcome = models.CharField(max_length=20, choices=Source.Outcome.choices)
    status_code = models.PositiveSmallIntegerField(null=True)
    detail = models.TextField(blank=True)
    entries = models.PositiveIntegerField(default=0)
    new_clippings = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("fetch")
        verbose_name_plural = _("fetches")

    def __str__(self) -> str:
        return f"{self.source_id} {self.at:%Y-%m-%d %H:%M} {self.outcome}"


class Digest(models.Model):
    """A digest of the clippings ready in a period, for the city's leaders, as PDF and DOCX
    (kept in the database: it is small and read only through the admin)."""

    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    clippings = models.PositiveIntegerField(_("clippings"), default=0)
    pdf = models.BinaryField(editable=False)
    docx = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("digest")
        verbose_name_plural = _("digests")

    def __str__(self) -> str:
        return f"{self.period_start:%d/%m/%Y} – {self.period_end:%d/%m/%Y}"
