"""The precomputed figures the dashboard shows: one snapshot, one row per site and edition."""

from __future__ import annotations

from django.db import models


class FigureSnapshot(models.Model):
    """One computation of every site's figures; the dashboard reads the newest complete one."""

    taken_at = models.DateTimeField(db_index=True)
    duration = models.DurationField()
    pages = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-taken_at"]
        get_latest_by = "taken_at"

    def __str__(self) -> str:
        return self.taken_at.isoformat()


class EditionFigures(models.Model):
    """The figures of one edition (site × language) at the time of its snapshot. Coverage,
    lag and backlog concern translated editions only and stay empty on the source edition."""

    snapshot = models.ForeignKey(FigureSnapshot, on_delete=models.CASCADE, related_name="rows")
    channel = models.ForeignKey("channels.Channel", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    is_source = models.BooleanField(default=False)
    items = models.PositiveIntegerField(default=0)
    last_published_at = models.DateTimeField(null=True, blank=True)
    published_7 = models.PositiveIntegerField(default=0)
    published_30 = models.PositiveIntegerField(default=0)
    published_90 = models.PositiveIntegerField(default=0)
    source_items = models.PositiveIntegerField(default=0)
    current_translations = models.PositiveIntegerField(default=0)
    lag_median = models.DurationField(null=True, blank=True)
    lag_p90 = models.DurationField(null=True, blank=True)
    lag_samples = models.PositiveIntegerField(default=0)
    backlog = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    weekly = models.JSONField(default=list)

    class Meta:
        ordering = ["channel__position", "-is_source", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "channel", "language"], name="oversight_one_row_per_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel_id}/{self.language}"

    @property
    def coverage(self) -> float | None:
        """Share (0–1) of the site's source items with a current translation in this edition."""
        if self.is_source or not self.source_items:
            return None
        return self.current_translations / self.source_items


class DigestWeek(models.Model):
    """A week whose digest went out (so the scheduler stops asking for it)."""

    week = models.CharField(max_length=10, unique=True)
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.week
