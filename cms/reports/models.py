"""A district's quarterly report, its history and the reminders sent about it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_DUE_DAYS = 10


def quarter_end(year: int, quarter: int) -> datetime.date:
    """The last day of ``quarter`` (1–4) of ``year``."""
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


def quarter_start(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


class QuarterlyReport(models.Model):
    """What a district portal reports for one quarter. Figures are nullable: a draft may be
    saved half-filled; submission needs every figure."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    channel = models.ForeignKey(
        "channels.Channel", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Known to the CMS, prefilled when the report is opened.
    items_published = models.PositiveIntegerField(_("items published on the portal"), default=0)
    languages = models.JSONField(_("languages published in"), default=list, blank=True)
    items_by_language = models.JSONField(default=dict, blank=True)
    # Asked by the city.
    delegations_received = models.PositiveIntegerField(
        _("foreign delegations received"), null=True, blank=True
    )
    foreign_events = models.PositiveIntegerField(
        _("foreign-information events held"), null=True, blank=True
    )
    fdi_projects = models.PositiveIntegerField(
        _("new foreign-investment projects"), null=True, blank=True
    )
    fdi_capital_musd = models.DecimalField(
        _("registered foreign investment (million USD)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    international_visitors = models.PositiveIntegerField(
        _("international visitors"), null=True, blank=True
    )
    # Narrative sections.
    socio_economic = models.TextField(_("socio-economic situation"), blank=True)
    foreign_affairs = models.TextField(_("foreign-affairs activities"), blank=True)
    foreign_information = models.TextField(_("foreign-information work"), blank=True)
    proposals = models.TextField(_("difficulties and proposals"), blank=True)

    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    FIGURES = (
        "delegations_received",
        "foreign_events",
        "fdi_projects",
        "fdi_capital_musd",
        "international_visitors",
    )
    NARRATIVES = ("socio_economic", "foreign_affairs", "foreign_information", "proposals")

    class Meta:
        ordering = ["-year", "-quarter", "channel__position"]
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "year", "quarter"], name="one_report_per_district_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.year} Q{self.quarter}"

    @classmethod
    def label(cls, name: str) -> str:
        """The translated label of field ``name``."""
        return str(getattr(cls._meta.get_field(name), "verbose_name", name))

    def figure_rows(self) -> list[tuple[str, object]]:
        return [(self.label(name), getattr(self, name)) for name in self.FIGURES]

    def narrative_rows(self) -> list[tuple[str, str]]:
        return [(self.label(name), getattr(self, name)) for name in self.NARRATIVES]

    @property
    def period(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def due_date(self) -> datetime.date:
        """The last day to submit: ``REPORTS_DUE_DAYS`` after the quarter's end."""
        days = getattr(settings, "REPORTS_DUE_DAYS", DEFAULT_DUE_DAYS)
        return quarter_end(self.year, self.quarter) + datetime.timedelta(days=days)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class ReportEvent(models.Model):
    """One step of a report's life: saved, submitted, returned (with the reason), accepted."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.action}"


class ReportReminder(models.Model):
    """A reminder threshold (days relative to the deadline) already acted on for a report."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="reminders")
    offset_days = models.SmallIntegerField()
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "offset_days"], name="one_reminder_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.offset_days:+d}"
