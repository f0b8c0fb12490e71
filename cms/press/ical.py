"""iCalendar (RFC 5545) feeds of press events, one per calendar page and so per language."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

PRODUCT_ID = "-//Hanoi foreign-information CMS//Press calendar//EN"
#: Press events happen in Hanoi: their times are entered and shown in the city's time.
EVENT_TIME_ZONE = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
#: iCalendar statuses of the event statuses editors choose.
STATUSES = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def event_component(event, url: str, host: str) -> icalendar.Event:
    """One event, in Hanoi time, identified by its page (stable across edits and moves)."""
    component = icalendar.Event()
    component.add("uid", f"press-event-{event.translation_key}-{event.locale.language_code}@{host}")
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("dtstart", timezone.localtime(event.starts_at, EVENT_TIME_ZONE))
    component.add("dtend", timezone.localtime(event.ends_at, EVENT_TIME_ZONE))
    component.add("summary", event.title)
    description = [event.summary]
    if event.accreditation_deadline:
        deadline = timezone.localtime(event.accreditation_deadline, EVENT_TIME_ZONE)
        description.append(
            _("Accreditation deadline: %(time)s (Hanoi time)")
            % {"time": deadline.strftime("%d/%m/%Y %H:%M")}
        )
    component.add("description", "\n\n".join(description))
    component.add("location", ", ".join(part for part in (event.place, event.address) if part))
    component.add("url", url)
    component.add("status", STATUSES.get(event.status, "CONFIRMED"))
    component.add("categories", [str(event.get_kind_display())])
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def calendar_bytes(name: str, language: str, events: Iterable[tuple], host: str) -> bytes:
    """The VCALENDAR of ``events`` (pairs of event and its full URL), named ``name``."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", EVENT_TIME_ZONE.key)
    calendar.add("x-wr-language", language)
    for event, url in events:
        calendar.add_component(event_component(event, url, host))
    calendar.add_missing_timezones()
    return calendar.to_ical()
