"""Per-site translation policy from the catalogue (``auto_translation``, ``completeness``):
jobs created automatically when a page is published, and the lag of each translation."""

from __future__ import annotations

import datetime
import functools

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from locales.desk.models import TranslationJob
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
    from locales.desk import jobs

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


def create_auto_jobs_after_commit(page_id: int, user_id: int | None) -> None:
    """Run the rules once the publishing transaction has committed, so whatever published the
    page (an import, for instance) has added its own translations first."""
    from django.contrib.auth import get_user_model

    page = Page.objects.filter(pk=page_id).first()
    if page is not None and page.live:
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        create_auto_jobs(page, user)


def lag(job: TranslationJob, published_at: datetime.datetime) -> datetime.timedelta | None:
    """How long the translation went out after the source's publication."""
    source_published = job.source_page.last_published_at
    return published_at - source_published if source_published else None
