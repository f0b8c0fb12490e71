"""The weekly digest for the oversight group: stale sites, the decision's targets against the
measured shares and the translation backlog, from the newest snapshot, one e-mail per oversight
user with an address, in the user's admin language. Stored in the durable outbox under a key
per user and ISO week, so a task that runs twice in a week sends nothing the second time."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cms.outbox.backend import KEY_HEADER
from cms.oversight import figures
from cms.oversight.models import DigestWeek, FigureSnapshot
from cms.oversight.stale import is_stale
from cms.oversight.targets import measure
from sites import roles


def _language(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile.get_preferred_language() if profile else "") or settings.LANGUAGE_CODE


def week_key(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _body(snapshot: FigureSnapshot, rows: list, now: datetime.datetime) -> str:
    stale = [row for row in rows if row.is_source and is_stale(row, now)]
    lines = [
        _("Figures computed at %(when)s.")
        % {
            "when": formats.date_format(
                timezone.localtime(snapshot.taken_at), "SHORT_DATETIME_FORMAT"
            )
        },
        "",
        _("Sites with no new item within their limit: %(count)d") % {"count": len(stale)},
    ]
    lines += [
        f"  – {row.channel.name}: "
        + (
            formats.date_format(timezone.localtime(row.last_published_at), "SHORT_DATE_FORMAT")
            if row.last_published_at
            else "—"
        )
        for row in stale
    ]
    lines += ["", _("Targets of the city decision:")]
    for target in measure(rows):
        share = f"{100 * target.share:.0f}%" if target.share is not None else "—"
        lines.append(
            f"  – {target.label}: {share} ({target.count}/{target.total}); "
            + _("target %(goal)s") % {"goal": f"{100 * target.goal:.0f}%"}
        )
    backlog = sum(row.backlog for row in rows)
    overdue = sum(row.overdue for row in rows)
    lines += [
        "",
        _("Translation backlog: %(backlog)d jobs, %(overdue)d overdue.")
        % {"backlog": backlog, "overdue": overdue},
        "",
        settings.WAGTAILADMIN_BASE_URL + reverse("oversight_dashboard"),
    ]
    return "\n".join(lines) + "\n"


def send_weekly_digest(now: datetime.datetime | None = None) -> int:
    """Store this week's digest for every oversight user with an address; returns how many
    users it was addressed to (including any already sent this week)."""
    now = now or timezone.now()
    snapshot = figures.latest()
    if snapshot is None:
        snapshot = figures.refresh(now)
    rows = list(snapshot.rows.select_related("channel"))
    week = week_key(timezone.localdate(now))
    recipients = [user for user in roles.members(roles.Role.OVERSIGHT) if user.email]
    for user in recipients:
        with translation.override(_language(user)):
            EmailMessage(
                _("Oversight digest, week %(week)s") % {"week": week},
                _body(snapshot, rows, now),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
                headers={KEY_HEADER: f"oversight-digest-{week}-{user.pk}"},
            ).send()
    DigestWeek.objects.update_or_create(
        week=week, defaults={"sent_at": now, "recipients": len(recipients)}
    )
    return len(recipients)
