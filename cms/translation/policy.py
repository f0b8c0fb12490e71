"""Per-site translation policy, as provisioning wrote it onto the ``Channel``: jobs created
automatically when a page is published (``auto_translation``) and the time limit within which
every edition must follow its source (``translation_within_hours``)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from cms.news.models import DirectoryPage, HomePage, SectionPage
from cms.translation import jobs
from cms.translation.models import TranslationJob
from locales import registry
from sites.models import Channel

PRIORITIES = {
    "low": TranslationJob.Priority.LOW,
    "normal": TranslationJob.Priority.NORMAL,
    "high": TranslationJob.Priority.HIGH,
    "urgent": TranslationJob.Priority.URGENT,
}


def structural(page: Page) -> bool:
    """Homes and sections belong to provisioning, which names them in every edition."""
    return isinstance(page.specific, HomePage | SectionPage | DirectoryPage)


def create_auto_jobs(page: Page, user=None) -> list[TranslationJob]:
    """Apply the site's ``auto_translation`` rules to a published source page: one job per
    listed language that has neither had a job nor has a translated page already."""
    channel = Channel.objects.for_page(page)
    if channel is None or not channel.auto_translation or structural(page):
        return []
    had_jobs = set(
        TranslationJob.objects.filter(source_page=page)
        .exclude(status=TranslationJob.Status.CANCELLED)
        .values_list("target_locale__language_code", flat=True)
    )
    had_jobs |= set(page.get_translations().values_list("locale__language_code", flat=True))
    created = []
    for rule in channel.auto_translation:
        languages = [code for code in rule["languages"] if code not in had_jobs]
        if languages:
            created += jobs.send_to_translation(
                [page],
                languages,
                deadline=timezone.now() + datetime.timedelta(hours=rule["within_hours"]),
                priority=PRIORITIES[rule.get("priority", "normal")],
                note=_("Created automatically when the page was published."),
                user=user,
                check_permission=False,
            )
    return created


def latest_deadline(channel: Channel | None) -> datetime.datetime | None:
    """The latest deadline a job sent now may have on this site, or None when it has no limit."""
    limit = channel.translation_time_limit if channel else None
    return timezone.now() + limit if limit else None


TIME_LIMIT_ACTION = "desk.time_limit"


def enforce_time_limit(page: Page, user=None) -> list[TranslationJob]:
    """On a site with a translation time limit, a published source page puts every
    edition it lacks on the desk, due within the limit: open jobs due later are brought forward,
    jobs reopened by a source change get a new deadline, and editions with neither a job nor a
    live translation get one. The due time is written to the page's history. Returns the jobs
    created or brought forward."""
    channel = Channel.objects.for_page(page)
    limit = channel.translation_time_limit if channel else None
    if channel is None or limit is None or structural(page):
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
    page = Page.objects.filter(pk=page_id).first()
    if page is not None and page.live:
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        create_auto_jobs(page, user)
        enforce_time_limit(page, user)
