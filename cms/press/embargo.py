"""Embargo: a press release is published no earlier than its embargo, in any language.

The embargo is Wagtail's scheduled publishing: before a release's revision is published, its
go-live time is moved to the end of the embargo (the release's own, and for a translation
the source release's too, read from the database at that moment). Wagtail then keeps the
page not live and records the revision as scheduled; the scheduler (``publish_scheduled``)
publishes it when the time comes, and holds it again if the embargo was moved meanwhile.
A page that is not live is absent from every reader listing, feed, sitemap and the search
index, which all read live pages only.
"""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page, Revision

from locales import registry


def source_of(page: Page) -> Page | None:
    """The source-language version of a translated page, or None for a source page."""
    if page.locale.language_code == registry.SOURCE_LANGUAGE:
        return None
    return (
        page.specific_class.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=registry.SOURCE_LANGUAGE,
        )
        .exclude(pk=page.pk)
        .first()
    )


def _pending_go_live(page: Page) -> datetime.datetime | None:
    """When a page that is not live yet is scheduled to go live, if it is."""
    if page.live:
        return None
    return Revision.page_revisions.filter(object_id=str(page.pk)).aggregate(
        at=Max("approved_go_live_at")
    )["at"]


def embargo_end(page: Page, own: datetime.datetime | None) -> datetime.datetime | None:
    """The earliest time ``page`` may be seen: its own embargo ``own`` and, for a
    translation, the source release's embargo and scheduled go-live."""
    times = [own]
    source = source_of(page)
    if source is not None:
        times += [getattr(source, "embargo_until", None), _pending_go_live(source)]
    known = [time for time in times if time is not None]
    return max(known) if known else None


def hold(page: Page, revision: Revision, now: datetime.datetime | None = None) -> None:
    """Move ``revision``'s go-live time to the end of the embargo when that is later, so
    publishing it schedules it instead."""
    now = now or timezone.now()
    scheduled = revision.as_object()
    until = embargo_end(page, scheduled.embargo_until)
    if until is None or until <= now:
        return
    if scheduled.go_live_at is None or scheduled.go_live_at < until:
        revision.content["go_live_at"] = until.isoformat()
        revision.save(update_fields=["content"])
