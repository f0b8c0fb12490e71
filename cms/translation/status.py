"""Read models: the page × language status of a site, and one timeline per story."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wagtail.models import Page, PageLogEntry

from cms.translation.models import JobEvent, TranslationJob
from locales import registry

CURRENT = "current"
OUT_OF_DATE = "out_of_date"
IN_PROGRESS = "in_progress"
MISSING = "missing"

Status = TranslationJob.Status


@dataclass
class Row:
    page: Page
    cells: list[tuple[str, str]]  # (language, state)


def site_matrix(channel) -> list[Row]:
    """Each source page of the site with the state of each target edition; three queries."""
    if channel.home_page_id is None:
        return []
    pages = list(
        Page.objects.descendant_of(channel.home_page, inclusive=True)
        .filter(locale__language_code=registry.SOURCE_LANGUAGE)
        .order_by("path")
        .only("pk", "title", "depth", "translation_key")
    )
    keys = [page.translation_key for page in pages]
    translated = set(
        Page.objects.filter(translation_key__in=keys)
        .exclude(locale__language_code=registry.SOURCE_LANGUAGE)
        .values_list("translation_key", "locale__language_code")
    )
    latest: dict[tuple[int, str], str] = {}
    for page_id, code, recorded in (
        TranslationJob.objects.filter(source_page__in=pages)
        .exclude(status=Status.CANCELLED)
        .order_by("created_at")
        .values_list("source_page_id", "target_locale__language_code", "status")
    ):
        latest[(page_id, code)] = recorded
    codes = [code for code in registry.TARGET_CODES if code in channel.editions]
    rows = []
    for page in pages:
        cells = []
        for code in codes:
            job_status = latest.get((page.pk, code))
            if job_status == Status.SOURCE_CHANGED:
                state = OUT_OF_DATE
            elif job_status is not None and job_status != Status.PUBLISHED:
                state = IN_PROGRESS
            elif (page.translation_key, code) in translated:
                state = CURRENT
            else:
                state = MISSING
            cells.append((code, state))
        rows.append(Row(page, cells))
    return rows


@dataclass
class Entry:
    when: datetime.datetime
    language: str
    who: str
    what: str


def timeline(page: Page) -> list[Entry]:
    """Writing, translation, review, approval and publication of every edition, by time."""
    editions = {
        p.pk: p.locale.language_code
        for p in page.get_translations(inclusive=True).select_related("locale")
    }
    entries = [
        Entry(
            log.timestamp,
            editions[log.page_id],
            log.user.get_username() if log.user else "—",
            log.message,
        )
        for log in PageLogEntry.objects.filter(page_id__in=list(editions))
        .select_related("user")
        .order_by("timestamp")
    ]
    source_page_id = page.pk if page.locale.language_code == registry.SOURCE_LANGUAGE else None
    if source_page_id is None:
        source = (
            page.get_translations().filter(locale__language_code=registry.SOURCE_LANGUAGE).first()
        )
        source_page_id = source.pk if source else None
    for event in JobEvent.objects.filter(job__source_page_id=source_page_id).select_related(
        "actor", "job__target_locale"
    ):
        entries.append(
            Entry(
                event.created_at,
                event.job.target_locale.language_code,
                event.actor.get_username() if event.actor else "—",
                f"{event.action}: {event.comment}" if event.comment else event.action,
            )
        )
    return sorted(entries, key=lambda e: e.when)


def out_of_date_languages(source_page: Page) -> set[str]:
    """The languages whose translation of ``source_page`` was made from an older source text:
    the latest job is waiting after a source change, or is redoing the translation since one
    and not yet published. One query."""
    latest: dict[str, tuple[str, bool]] = {}
    for code, job_status, changed in (
        TranslationJob.objects.filter(source_page=source_page)
        .exclude(status=Status.CANCELLED)
        .order_by("created_at")
        .values_list("target_locale__language_code", "status", "changed_revision_id")
    ):
        latest[code] = (job_status, changed is not None)
    return {
        code
        for code, (job_status, changed) in latest.items()
        if job_status == Status.SOURCE_CHANGED or (changed and job_status != Status.PUBLISHED)
    }
