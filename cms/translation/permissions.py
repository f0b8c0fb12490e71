"""Who may see and act on translation jobs. Languages come from the user's translator and
reviewer roles; a site's editors and approvers may send its pages to translation and follow
its jobs. Roles are read from the data provisioning records (``sites.roles``)."""

from __future__ import annotations

from locales import registry
from sites import roles


def translator_languages(user: roles.AnyUser) -> set[str]:
    """Languages ``user`` translates (every target language for superusers)."""
    if user.is_superuser:
        return set(registry.TARGET_CODES)
    return roles.languages(user, roles.Role.TRANSLATORS)


def reviewer_languages(user: roles.AnyUser) -> set[str]:
    """Languages ``user`` reviews (every target language for superusers)."""
    if user.is_superuser:
        return set(registry.TARGET_CODES)
    return roles.languages(user, roles.Role.REVIEWERS)


def desk_languages(user: roles.AnyUser) -> list[str]:
    """Languages whose queue ``user`` may open, in registry order."""
    mine = translator_languages(user) | reviewer_languages(user)
    return [code for code in registry.TARGET_CODES if code in mine]


def site_slugs(user: roles.AnyUser) -> set[str]:
    """Sites whose editors or approvers ``user`` belongs to."""
    return roles.channel_slugs(user, roles.Role.EDITORS, roles.Role.APPROVERS)


def can_send(user: roles.AnyUser, channel_slug: str | None) -> bool:
    """Editors and approvers of the page's site (and superusers) send pages to translation."""
    if not user.is_active:
        return False
    return user.is_superuser or (channel_slug is not None and channel_slug in site_slugs(user))


def can_view_job(user: roles.AnyUser, job) -> bool:
    if not user.is_active:
        return False
    if job.target_locale.language_code in desk_languages(user):
        return True
    return job.channel is not None and job.channel.slug in site_slugs(user)


def can_translate(user: roles.AnyUser, job) -> bool:
    """The assignee works on the job, in a language they translate."""
    return (
        user.is_active
        and job.assignee_id == user.pk
        and job.target_locale.language_code in translator_languages(user)
    )


def can_claim(user: roles.AnyUser, job) -> bool:
    return user.is_active and job.target_locale.language_code in translator_languages(user)


def can_review(user: roles.AnyUser, job) -> bool:
    """Language reviewers approve, return and assign jobs in their language; never their own
    translation (a second pair of eyes)."""
    return (
        user.is_active
        and job.target_locale.language_code in reviewer_languages(user)
        and (job.assignee_id != user.pk or user.is_superuser)
    )


def can_manage(user: roles.AnyUser, job) -> bool:
    """Reviewers of the language, and the site's editors and approvers, assign and cancel."""
    if not user.is_active:
        return False
    if job.target_locale.language_code in reviewer_languages(user):
        return True
    return job.channel is not None and job.channel.slug in site_slugs(user)


def approves_site(user: roles.AnyUser, channel_slug: str | None) -> bool:
    """The site's approvers (and superusers): they alone convert a translation to an alias,
    stop or restart its sync, move or delete it."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return channel_slug is not None and channel_slug in roles.channel_slugs(
        user, roles.Role.APPROVERS
    )
