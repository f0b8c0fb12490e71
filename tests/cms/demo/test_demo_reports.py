"""Demo district reports: loaded once, in their states, prefilled like real ones."""

from __future__ import annotations

import pytest
from django.db import models

from cms.demo.loader import CONTENT_DIR
from cms.demo.reports import load_reports
from cms.reports.models import QuarterlyReport

pytestmark = pytest.mark.django_db


class Registry:
    """The loader's register of demo objects, in memory."""

    def __init__(self) -> None:
        self.objects: dict[str, models.Model] = {}

    def _existing(self, key: str) -> models.Model | None:
        return self.objects.get(key)

    def _register(self, key: str, obj: models.Model) -> None:
        self.objects[key] = obj


def test_demo_reports_load_once_for_the_provisioned_districts():
    registry = Registry()
    load_reports(registry, CONTENT_DIR)
    (report,) = QuarterlyReport.objects.all()  # Ba Đình is the only district provisioned here
    assert report.channel.slug == "badinh" and report.status == QuarterlyReport.Status.ACCEPTED
    assert "Hoàng thành Thăng Long" in report.foreign_affairs
    assert report.international_visitors == 41200
    assert [e.action for e in report.events.all()] == ["submitted", "accepted"]
    load_reports(registry, CONTENT_DIR)
    assert QuarterlyReport.objects.count() == 1
