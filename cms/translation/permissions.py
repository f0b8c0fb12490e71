"""Who may see and act on translation jobs. Languages come from the role groups
(``translators: <lang>``, ``reviewers: <lang>``); a site's editors and approvers may send its
pages to translation and follow its jobs."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from locales import registry
from sites import roles

TRANSLATOR_PREFIX = roles.translators_group("")
REVIEWER_PREFIX = roles.reviewers_group("")


def _groups(user: AbstractBaseUser) -> list[str]:
    if not hasattr(user, "_desk_groups"):
        user._desk_groups = list(user.groups.values_list("name", flat=True))
    return user._desk_groups


def translator_languages(user: AbstractBaseUser) -> set[str]:
    """Languages ``user`` translates (every target language for superusers)."""
    if user.is_superuser:
        return set(registry.TARGET_CODES)
    return {
        g.removeprefix(TRANSLATOR_PREFIX) for g in _groups(user) if g.startswith(TRANSLATOR_PREFIX)
    }


def reviewer_languages(user: AbstractBaseUser) -> set[str]:
    """Languages ``user`` reviews (every target language for superusers)."""
    if user.is_superuser:
        return set(registry.TARGET_CODES)
    return {g.removeprefix(REVIEWER_PREFIX) for g in _groups(user) if g.startswith(REVIEWER_PREFIX)}


def desk_languages(user: AbstractBaseUser) -> list[str]:
    """Languages whose queue ``user`` may open, in registry order."""
    mine = translator_languages(user) | reviewer_languages(user)
    return [code for code in registry.TARGET_CODES if code in mine]


def site_slugs(user: AbstractBaseUser) -> set[str]:
    """Sites whose editors or approvers ``user`` belongs to."""
    suffixes = (f": {roles.EDITORS}", f": {roles.APPROVERS}")
    return {g.rsplit(": ", 1)[0] for g in _groups(user) if g.endswith(suffixes)}


def can_send(user: AbstractBaseUser, channel_slug: str | None) -> bool:
    """Editors and approvers of the page's site (and superusers) send pages to translation."""
    if not user.is_active:
        return False
    return user.is_superuser or (channel_slug is not None and channel_slug in site_slugs(user))


def can_view_job(user: AbstractBaseUser, job) -> bool:
    if not user.is_active:
        return False
    if job.target_locale.language_code in desk_languages(user):
        return True
    return job.channel is not None and job.channel.slug in site_slugs(user)


def can_translate(user: AbstractBaseUser, job) -> bool:
    """The assignee works on the job, in a language they translate."""
    return (
        user.is_active
        and job.assignee_id == user.pk
        and job.target_locale.language_code in translator_languages(user)
    )


def can_claim(user: AbstractBaseUser, job) -> bool:
    return user.is_active and job.target_locale.language_code in translator_languages(user)


def can_review(user: AbstractBaseUser, job) -> bool:
    """Language reviewers approve, return and assign jobs in their language; never their own
    translation (a second pair of eyes)."""
    return (
        user.is_active
        and job.target_locale.language_code in reviewer_languages(user)
        and (job.assignee_id != user.pk or user.is_superuser)
    )


def can_manage(user: AbstractBaseUser, job) -> bool:
    """Reviewers of the language, and the site's editors and approvers, assign and cancel."""
    if not user.is_active:
        return False
    if job.target_locale.language_code in reviewer_languages(user):
        return True
    return job.channel is not None and job.channel.slug in site_slugs(user)
