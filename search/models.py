"""The durable queue of index updates: one row per page whose search document must change."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import F


class PendingUpdate(models.Model):
    """A page to (re)index or remove. Written in the same transaction as the publish, move or
    delete that caused it, and removed only once the engine has accepted the change."""

    page_id = models.BigIntegerField(primary_key=True)
    version = models.PositiveIntegerField(default=1)
    requested_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"page {self.page_id} (version {self.version})"

    @classmethod
    def request(cls, page_ids: Iterable[int]) -> None:
        """Queue ``page_ids``; a page already queued gets a new version (so it is redone)."""
        for page_id in set(page_ids):
            if not cls.objects.filter(page_id=page_id).update(version=F("version") + 1):
                cls.objects.get_or_create(page_id=page_id)
