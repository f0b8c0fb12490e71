"""Demo quarterly reports: a few district portals' reports for the last quarter due, one in
each state after draft (accepted, submitted, returned with a reason), prefilled from the demo
content like real ones. The scheduler creates the other districts' drafts."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import yaml
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from cms.reports.models import QuarterlyReport, ReportEvent
from cms.reports.prefill import prefill
from cms.reports.schedule import due_quarter
from locales.text import nfc
from sites.models import Channel

DATA = Path("reports") / "quarterly.yaml"


class Registry(Protocol):
    def _existing(self, key: str) -> object: ...
    def _register(self, key: str, obj: models.Model) -> None: ...


def load_reports(registry: Registry, content_dir: Path) -> None:
    """Create the demo reports of ``content_dir`` that do not exist yet (skipping districts
    not provisioned)."""
    path = content_dir / DATA
    if not path.exists():
        return
    year, quarter = due_quarter(timezone.localdate())
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["editor.badinh", "approver.songoaivu"]
        )
    }
    for entry in nfc(yaml.safe_load(path.read_text("utf-8")))["reports"]:
        key = f"report:{entry['site']}:{year}-Q{quarter}"
        channel = Channel.objects.filter(slug=entry["site"]).first()
        if channel is None or registry._existing(key) is not None:
            continue
        if QuarterlyReport.objects.filter(channel=channel, year=year, quarter=quarter).exists():
            continue
        report = QuarterlyReport(channel=channel, year=year, quarter=quarter, **entry["figures"])
        for name in QuarterlyReport.NARRATIVES:
            setattr(report, name, entry.get(name, ""))
        prefill(report)
        now = timezone.now()
        report.status = entry["status"]
        report.submitted_at = now
        report.submitted_by = users.get("editor.badinh") if channel.slug == "badinh" else None
        if entry["status"] in (QuarterlyReport.Status.ACCEPTED, QuarterlyReport.Status.RETURNED):
            report.decided_at = now
            report.decided_by = users.get("approver.songoaivu")
            report.return_reason = entry.get("return_reason", "")
        report.save()
        ReportEvent.objects.create(report=report, actor=report.submitted_by, action="submitted")
        if report.decided_at:
            ReportEvent.objects.create(
                report=report,
                actor=report.decided_by,
                action=report.status,
                comment=report.return_reason,
            )
        registry._register(key, report)
