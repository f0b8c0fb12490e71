"""Roles and their least privileges, per site and per language.

- editor (``<site>: editors``): adds and edits pages in the site's Vietnamese tree, uploads to
  the site's collection, submits for approval (desk review by a colleague); never publishes.
- approver (``<site>: approvers``): approves the site's pages in every edition (workflow
  tasks), locks and unlocks; may force-publish with a written reason; cannot publish directly.
- translator (``translators: <lang>``): adds and edits pages in the <lang> tree of every site;
  never the Vietnamese source, never another language.
- language reviewer (``reviewers: <lang>``): edits, locks and approves (language review task)
  pages in the <lang> trees.
- press officer (``<site>: press officers``): works the site's press centre (journalists'
  requests and their personal data) and its bulletins and subscribers; edits no pages.
- oversight (``oversight``): read-only oversight report across every site; no edit rights.
- administrator (Django superuser): everything; kept to platform administrators.

Provisioning records what each group stands for as a ``RoleGroup`` row; the questions below
("which sites does this user edit?", "who reviews Lao?") are answered from those rows.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from sites.models import Channel, RoleGroup

Role = RoleGroup.Role

EDITORS = Role.EDITORS.value
APPROVERS = Role.APPROVERS.value
PRESS_OFFICERS = Role.PRESS_OFFICERS.value
OVERSIGHT_GROUP = Role.OVERSIGHT.value

#: Whoever makes a request: a user, or the anonymous user, who holds no role.
AnyUser = User | AnonymousUser

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")
APPROVER_PAGE_PERMISSIONS = ("change_page", "lock_page", "unlock_page")
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("change_page", "lock_page", "unlock_page")

EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    # wagtailmedia has no "choose" permission: its chooser offers what one may change.
    ("wagtailmedia", "add_media"),
    ("wagtailmedia", "change_media"),
)
READER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
)

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
EDITOR_MODEL_PERMISSIONS = (
    ADMIN_ACCESS,
    ("news", "add_author"),
    ("news", "change_author"),
    ("wagtail_localize", "submit_translation"),
)
APPROVER_MODEL_PERMISSIONS = (ADMIN_ACCESS, ("editorial", "force_publish"))
TRANSLATOR_MODEL_PERMISSIONS = (ADMIN_ACCESS,)
REVIEWER_MODEL_PERMISSIONS = (ADMIN_ACCESS,)
PRESS_OFFICER_MODEL_PERMISSIONS = (ADMIN_ACCESS,)
OVERSIGHT_MODEL_PERMISSIONS = (ADMIN_ACCESS, ("editorial", "view_oversight"))


def translators_group(language: str) -> str:
    return f"translators: {language}"


def reviewers_group(language: str) -> str:
    return f"reviewers: {language}"


def user_roles(user: AnyUser) -> list[RoleGroup]:
    """The role rows of ``user``'s groups (one query, then kept on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return []
    cache = user.__dict__
    if "_role_groups" not in cache:
        cache["_role_groups"] = list(
            RoleGroup.objects.filter(group__user=user).select_related("channel")
        )
    return cache["_role_groups"]


def channel_slugs(user: AnyUser, *wanted: str) -> set[str]:
    """Slugs of the channels on which ``user`` holds one of the ``wanted`` roles."""
    return {r.channel.slug for r in user_roles(user) if r.role in wanted and r.channel}


def languages(user: AnyUser, role: str) -> set[str]:
    """Languages in which ``user`` holds ``role`` (translators or reviewers)."""
    return {r.language for r in user_roles(user) if r.role == role and r.language}


def holds(user: AnyUser, role: str, channel: Channel | None = None) -> bool:
    """Whether ``user`` holds ``role`` (on ``channel``, for per-site roles)."""
    return any(
        r.role == role and (channel is None or r.channel_id == channel.pk) for r in user_roles(user)
    )


def members(role: str, *, channel: Channel | None = None, language: str = "") -> QuerySet:
    """Active users holding ``role`` on ``channel`` or in ``language``."""
    scope: dict[str, str | Channel] = {"groups__role__role": role}
    if channel is not None:
        scope["groups__role__channel"] = channel
    if language:
        scope["groups__role__language"] = language
    return get_user_model().objects.filter(is_active=True, **scope).distinct()
