"""Demo bulletins: the Department of Foreign Affairs' and the Friendship Union's, one issue
each (composed from demo articles, shown in the public archive as sent) and a few made-up
subscribers; data in ``content/bulletins/bulletins.yaml``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

import yaml
from django.db import models
from django.utils import timezone

from cms.bulletins.models import (
    Bulletin,
    Delivery,
    Editorial,
    Issue,
    IssueItem,
    SendLogEntry,
    Subscriber,
)
from locales.text import nfc
from sites.models import Channel

DATA_FILE = Path("bulletins") / "bulletins.yaml"  # in the demo content folder


class Registry(Protocol):
    """The loader's record of demo objects."""

    def _existing(self, key: str): ...
    def _register(self, key: str, obj: models.Model) -> None: ...


def load(registry: Registry, path: Path) -> None:
    """Create each bulletin of ``path`` once, for the sites that exist (none without the
    file)."""
    if not path.exists():
        return
    for entry in yaml.safe_load(path.read_text("utf-8"))["bulletins"]:
        key = f"bulletin:{entry['slug']}"
        channel = Channel.objects.filter(slug=entry["site"]).first()
        if channel is None or registry._existing(key) is not None:
            continue
        bulletin = Bulletin.objects.create(
            channel=channel,
            slug=entry["slug"],
            names={code: nfc(name) for code, name in entry["names"].items()},
            from_email=entry["from_email"],
        )
        registry._register(key, bulletin)
        subscribers = _subscribers(bulletin, entry["subscribers"])
        _issue(registry, bulletin, entry["issue"], subscribers)


def _subscribers(bulletin: Bulletin, rows: list[dict]) -> list[Subscriber]:
    now = timezone.now()
    made = []
    for row in rows:
        status = row.get("status", Subscriber.Status.ACTIVE)
        made.append(
            Subscriber.objects.create(
                bulletin=bulletin,
                email=row["email"],
                name=nfc(row["name"]),
                organisation=nfc(row["organisation"]),
                organisation_type=row["organisation_type"],
                country=row["country"],
                languages=row["languages"],
                status=status,
                confirmed_at=None if status == Subscriber.Status.PENDING else now,
                bounce_reason="550 5.1.1 Mailbox unavailable"
                if status == Subscriber.Status.BOUNCED
                else "",
            )
        )
    return made


def _issue(registry: Registry, bulletin: Bulletin, data: dict, subscribers: list) -> None:
    """The issue, recorded as sent to the subscribers who were active (no e-mail leaves)."""
    sent_at = timezone.now() - dt.timedelta(days=data["days_ago"])
    issue = Issue.objects.create(
        bulletin=bulletin,
        number=data["number"],
        date=sent_at.date(),
        layout=data["layout"],
        status=Issue.Status.SENT,
        send_started_at=sent_at,
        sent_at=sent_at + dt.timedelta(minutes=2),
    )
    for position, reference in enumerate(data["articles"]):
        article = registry._existing(f"article:{reference}")
        if article is not None:
            IssueItem.objects.create(issue=issue, article=article, position=position)
    for code, text in data["editorial"].items():
        Editorial.objects.create(issue=issue, language=code, text=nfc(text))
    active = [s for s in subscribers if s.status == Subscriber.Status.ACTIVE]
    Delivery.objects.bulk_create(
        Delivery(
            issue=issue,
            subscriber=subscriber,
            status=Delivery.Status.SENT,
            attempts=1,
            sent_at=sent_at + dt.timedelta(seconds=index),
        )
        for index, subscriber in enumerate(active)
    )
    SendLogEntry.objects.create(
        issue=issue, at=sent_at, event=SendLogEntry.Event.STARTED, count=len(active)
    )
    SendLogEntry.objects.create(
        issue=issue,
        at=sent_at + dt.timedelta(minutes=2),
        event=SendLogEntry.Event.FINISHED,
        count=len(active),
    )
