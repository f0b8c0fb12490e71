"""Wagtail permission policies for the desk's listings, answering with the desk's own rules
(``cms.translation.permissions``) rather than Django model permissions, so the generic admin
views (index, add, edit, delete, export) check exactly what the desk's function views check.

The policies answer "may this user …" and "which rows may this user see"; nothing in the
desk asks them for the list of users holding a permission."""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet
from wagtail.permission_policies import BasePermissionPolicy

from cms.translation import permissions as perms
from cms.translation.models import GlossaryTerm, MemoryEntry, TranslationJob
from sites.roles import AnyUser


class JobPermissionPolicy(BasePermissionPolicy):
    """Jobs are seen, never added, edited or deleted through the generic views: the jobs of the
    languages a user translates or reviews, and of the sites whose editor or approver they
    are (``permissions.can_view_job``)."""

    def __init__(self) -> None:
        super().__init__(TranslationJob)

    def user_has_permission(self, user: AnyUser, action: str) -> bool:
        return (
            action == "view"
            and user.is_active
            and bool(user.is_superuser or perms.desk_languages(user) or perms.site_slugs(user))
        )

    def user_has_any_permission(self, user: AnyUser, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: AnyUser, action: str, instance: Model) -> bool:
        return action == "view" and perms.can_view_job(user, instance)

    def instances_user_has_any_permission_for(self, user: AnyUser, actions) -> QuerySet:
        if not self.user_has_any_permission(user, actions):
            return TranslationJob.objects.none()
        return TranslationJob.objects.filter(
            Q(target_locale__language_code__in=perms.desk_languages(user))
            | Q(channel__slug__in=perms.site_slugs(user))
        )


class ReviewedLanguagePolicy(BasePermissionPolicy):
    """Rows with a ``target_language`` (memory entries, glossary terms) belong to that
    language's reviewers (every language for superusers): they see and manage those rows
    and no others. ``actions`` lists what the generic views may do with them."""

    def __init__(self, model: type[MemoryEntry | GlossaryTerm], actions: tuple[str, ...]) -> None:
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user: AnyUser, action: str) -> bool:
        return action in self.actions and user.is_active and bool(perms.reviewer_languages(user))

    def user_has_any_permission(self, user: AnyUser, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: AnyUser, action: str, instance: Model) -> bool:
        language = getattr(instance, "target_language", None)
        return self.user_has_permission(user, action) and (
            language in perms.reviewer_languages(user)
        )

    def instances_user_has_any_permission_for(self, user: AnyUser, actions) -> QuerySet:
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(
            target_language__in=perms.reviewer_languages(user)
        )


jobs_policy = JobPermissionPolicy()
memory_policy = ReviewedLanguagePolicy(MemoryEntry, ("view", "delete"))
glossary_policy = ReviewedLanguagePolicy(GlossaryTerm, ("view", "add", "change", "delete"))
