"""Per-site translation policy from the catalogue (``auto_translation``, ``completeness``):
jobs created automatically when a page is published, the time limit within which every edition
must follow its source, and the lag of each translation."""

from __future__ import annotations

import datetime
import functools

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.translation.models import TranslationJob
from sites import catalogue
from sites.catalogue import SiteEntry

PRIORITIES = {
    "low": TranslationJob.Priority.LOW,
    "normal": TranslationJob.Priority.NORMAL,
    "high": TranslationJob.Priority.HIGH,
    "urgent": TranslationJob.Priority.URGENT,
}


@functools.lru_cache(maxsize=2)
def _load(modified: float) -> catalogue.Catalogue:
    return catalogue.load()


def site_entry(slug: str) -> SiteEntry | None:
    """The catalogue entry of ``slug`` (the file is re-read only when it changes)."""
    loaded = _load(catalogue.DEFAULT_PATH.stat().st_mtime)
    return next((site for site in loaded.sites if site.slug == slug), None)


def structural(page: Page) -> bool:
    """Homes and sections belong to provisioning, which names them in every edition."""
    from cms.news.models import DirectoryPage, HomePage, SectionPage

    return isinstance(page.specific, HomePage | SectionPage | DirectoryPage)


def create_auto_jobs(page: Page, user=None) -> list[TranslationJob]:
    """Apply the site's ``auto_translation`` rules to a published source page: one job per
    listed language that has neither had a job nor has a translated page already."""
    from cms.translation import jobs

    channel = jobs.channel_of(page)
    entry = site_entry(channel.slug) if channel else None
    if entry is None or not entry.auto_translation or structural(page):
        return []
    had_jobs = set(
        TranslationJob.objects.filter(source_page=page)
        .exclude(status=TranslationJob.Status.CANCELLED)
        .values_list("target_locale__language_code", flat=True)
    )
    had_jobs |= set(page.get_translations().values_list("locale__language_code", flat=True))
    created = []
    for rule in entry.auto_translation:
        languages = [code for code in rule.languages if code not in had_jobs]
        if languages:
            created += jobs.send_to_translation(
                [page],
                languages,
                deadline=timezone.now() + datetime.timedelta(hours=rule.within_hours),
                priority=PRIORITIES[rule.priority],
                note=_("Created automatically when the page was published."),
                user=user,
                check_permission=False,
            )
    return created


def time_limit(channel_slug: str | None) -> datetime.timedelta | None:
    """The most a translation may lag behind its source on this site
    (``completeness.within_hours``), or None."""
    entry = site_entry(channel_slug) if channel_slug else None
    if entry is None or entry.completeness is None or entry.completeness.within_hours is None:
        return None
    return datetime.timedelta(hours=entry.completeness.within_hours)


def latest_deadline(channel_slug: str | None) -> datetime.datetime | None:
    """The latest deadline a job sent now may have on this site, or None when it has no limit."""
    limit = time_limit(channel_slug)
    return timezone.now() + limit if limit else None


TIME_LIMIT_ACTION = "desk.time_limit"


def enforce_time_limit(page: Page, user=None) -> list[TranslationJob]:
    """On a site with ``completeness.within_hours``, a published source page puts every
    edition it lacks on the desk, due within the limit: open jobs due later are brought forward,
    jobs reopened by a source change get a new deadline, and editions with neither a job nor a
    live translation get one. The due time is written to the page's history. Returns the jobs
    created or brought forward."""
    from wagtail.log_actions import log

    from cms.translation import jobs
    from locales import registry

    channel = jobs.channel_of(page)
    limit = time_limit(channel.slug if channel else None)
    if limit is None or structural(page):
        return []
    now = timezone.now()
    due = now + limit
    editions = [code for code in registry.TARGET_CODES if code in channel.editions]
    changed = []
    open_jobs = (
        TranslationJob.objects.open().filter(source_page=page).select_related("target_locale")
    )
    for job in open_jobs:
        reopened = job.status == TranslationJob.Status.SOURCE_CHANGED and job.deadline < now
        if job.deadline > due or reopened:
            jobs.set_deadline_by_limit(job, due, user)
            changed.append(job)
    covered = {job.language for job in open_jobs}
    covered |= set(
        page.get_translations().filter(live=True).values_list("locale__language_code", flat=True)
    )
    missing = [code for code in editions if code not in covered]
    if missing:
        changed += jobs.send_to_translation(
            [page],
            missing,
            deadline=due,
            priority=TranslationJob.Priority.HIGH,
            note=_("Created because this site publishes every edition within %(hours)s hours.")
            % {"hours": int(limit.total_seconds() // 3600)},
            user=user,
            check_permission=False,
        )
    if changed:
        log(
            instance=page,
            action=TIME_LIMIT_ACTION,
            user=user,
            data={"due": due.isoformat(), "languages": sorted(job.language for job in changed)},
        )
    return changed


def create_auto_jobs_after_commit(page_id: int, user_id: int | None) -> None:
    """Run the rules once the publishing transaction has committed, so whatever published the
    page (an import, for instance) has added its own translations first."""
    from django.contrib.auth import get_user_model

    page = Page.objects.filter(pk=page_id).first()
    if page is not None and page.live:
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        create_auto_jobs(page, user)
        enforce_time_limit(page, user)


def lag(job: TranslationJob, published_at: datetime.datetime) -> datetime.timedelta | None:
    """How long the translation went out after the source's publication."""
    source_published = job.source_page.last_published_at
    return published_at - source_published if source_published else None
