"""Wagtail hooks: the desk's admin URLs, listings (viewsets) and menu items, "Send to
translation" buttons, the dashboard panel, the minor-edit checkbox, and log actions."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.views.pages.edit import EditView
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from cms.translation import (
    admin_labels,
    completeness,
    editing,
    gate,
    jobs,
    localize_adapter,
    policy,
    side_doors,
    signals,
)
from cms.translation import permissions as perms
from cms.translation.models import GlossaryTerm, MemoryEntry, TranslationJob
from cms.translation.permission_policies import glossary_policy, jobs_policy, memory_policy
from cms.translation.viewsets import GlossaryViewSet, JobViewSet, MemoryViewSet
from locales import registry
from sites.models import Channel

# before the viewsets are registered, which would otherwise fall back to model permissions
register_permission_policy(TranslationJob, jobs_policy)
register_permission_policy(MemoryEntry, memory_policy)
register_permission_policy(GlossaryTerm, glossary_policy)


@hooks.register("register_admin_urls")
def desk_urls():
    return [
        path("desk/", include("cms.translation.urls", namespace="desk")),
        # registered before wagtail-localize's own, so its editing endpoints follow the desk's
        # rules (and its PO upload is the strict one)
        *(path(route, view) for route, view in editing.GUARDED_VIEWS.items()),
        # its convert-to-alias, stop-sync, update and submit views, by role (side_doors)
        *(path(route, view) for route, view in side_doors.URLS.items()),
    ]


@hooks.register("register_admin_viewset")
def desk_viewsets():
    return [JobViewSet(), MemoryViewSet(), GlossaryViewSet()]


@hooks.register("before_edit_page", order=-1)
def desk_before_edit_page(request, page):
    """Before wagtail-localize's own hook: restart sync and convert to alias for approvers
    only; a minor edit wraps the whole request."""
    side_doors.guard_edit_post(request, page)
    if (
        request.method == "POST"
        and request.POST.get(MinorEditMenuItem.name)
        and not getattr(request, "_desk_minor_edit", False)
        and page.locale.language_code == registry.SOURCE_LANGUAGE
        and side_doors.may_send(request.user, page)
    ):
        request._desk_minor_edit = True
        with signals.minor_edit(request.user):
            return EditView.as_view()(request, page_id=page.pk)
    return None


@hooks.register("construct_page_action_menu")
def desk_page_action_menu(menu_items, request, context):
    side_doors.prune_action_menu(menu_items, request, context)


@hooks.register("before_delete_page")
def desk_before_delete_page(request, page):
    return side_doors.confirm_delete(request, page)


@hooks.register("before_bulk_action")
def desk_before_bulk_action(request, action_type, objects, action_class_instance):
    return side_doors.guard_bulk_action(request, action_type, objects, action_class_instance)


@hooks.register("before_convert_alias_page")
def desk_before_convert_alias_page(request, page):
    return side_doors.guard_convert_alias(request, page)


@hooks.register("construct_admin_api")
def desk_admin_api(router):
    """The admin API's pages endpoint with the desk's "convert_alias" action."""
    router.register_endpoint("pages", side_doors.DeskPagesAdminAPIViewSet)


class DeskMenuItem(MenuItem):
    """The desk in the admin menu, with the user's unread notifications counted beside it."""

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or bool(perms.desk_languages(user) or perms.site_slugs(user))

    def render_component(self, request):
        unread = request.user.desk_notifications.filter(read_at__isnull=True).count()
        return LinkMenuItemComponent(
            self.name,
            format_lazy("{label} ({unread})", label=self.label, unread=unread)
            if unread
            else self.label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs={**self.attrs, "data-desk-unread": str(unread)},
        )


@hooks.register("construct_main_menu")
def desk_menu_labels(request, menu_items):
    admin_labels.make_menu_labels_lazy(menu_items)


@hooks.register("register_admin_menu_item")
def desk_menu_item():
    return DeskMenuItem(
        _("Translation desk"), reverse("desk:index"), name="desk", icon_name="globe", order=850
    )


class LagMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("editorial.view_oversight")


@hooks.register("register_admin_menu_item")
def lag_menu_item():
    return LagMenuItem(_("Translation lag"), reverse("desk:lag"), icon_name="time", order=910)


def _send_button(page, user, priority):
    if page.locale.language_code != registry.SOURCE_LANGUAGE or page.depth < 2:
        return
    if not (user.is_superuser or perms.site_slugs(user)):
        return
    channel = Channel.objects.for_page(page)
    if perms.can_send(user, channel.slug if channel else None):
        yield localize_adapter.page_menu_item(
            _("Send to translation"),
            reverse("desk:send") + "?" + urlencode({"page": page.pk}),
            icon_name="globe",
            priority=priority,
            page=page,
        )


@hooks.register("register_page_header_buttons")
def send_header_button(page, user, view_name, next_url=None):
    yield from _send_button(page, user, 40)


@hooks.register("register_page_listing_more_buttons")
def send_listing_button(page, user, next_url=None):
    yield from _send_button(page, user, 45)


class DeskPanel(Component):
    """Dashboard panel: unread notifications; for translators and reviewers my jobs, waiting
    for my review, overdue and the queues; for the sites' staff the open jobs they sent."""

    name = "translation_desk"
    template_name = "desk/panel.html"
    order = 50

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        open_jobs = TranslationJob.objects.open()
        context["counts"] = open_jobs.aggregate(
            mine=Count("pk", filter=Q(assignee=self.user)),
            mine_overdue=Count("pk", filter=Q(assignee=self.user, deadline__lt=now)),
            to_review=Count(
                "pk",
                filter=Q(
                    status=TranslationJob.Status.IN_REVIEW,
                    target_locale__language_code__in=perms.reviewer_languages(self.user),
                )
                & ~Q(assignee=self.user),
            ),
            unassigned=Count(
                "pk",
                filter=Q(
                    status=TranslationJob.Status.QUEUED,
                    target_locale__language_code__in=perms.translator_languages(self.user),
                ),
            ),
            sent=Count("pk", filter=Q(requested_by=self.user) & ~Q(assignee=self.user)),
        )
        context["languages"] = perms.desk_languages(self.user)
        context["unread"] = self.user.desk_notifications.filter(read_at__isnull=True).count()
        return context


@hooks.register("construct_homepage_panels")
def desk_panel(request, panels):
    user = request.user
    if perms.desk_languages(user) or perms.site_slugs(user):
        panels.append(DeskPanel(user))


class MinorEditMenuItem(ActionMenuItem):
    """A checkbox beside the save and submit actions: "minor edit, translations stay current"."""

    label = _("Minor edit (translations stay current)")
    name = "desk_minor_edit"
    template_name = "desk/minor_edit_item.html"
    order = 5

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and page is not None
            and page.locale.language_code == registry.SOURCE_LANGUAGE
            and side_doors.may_send(context["request"].user, page)
        )


@hooks.register("register_page_action_menu_item")
def minor_edit_menu_item():
    return MinorEditMenuItem()


@hooks.register("register_log_actions")
def desk_log_actions(actions):
    @actions.register_action(jobs.GLOSSARY_BLOCK_ACTION)
    class GlossaryBlocked(LogFormatter):
        label = _("Blocked by the glossary check")

        def format_message(self, log_entry):
            return _("Not published; glossary check: %(findings)s") % {
                "findings": "; ".join(log_entry.data.get("findings", []))
            }

    @actions.register_action(jobs.GLOSSARY_OVERRIDE_ACTION)
    class GlossaryOverridden(LogFormatter):
        label = _("Glossary check overridden")

        def format_message(self, log_entry):
            return _("Approved despite the glossary check (%(findings)s): %(reason)s") % {
                "findings": "; ".join(log_entry.data.get("findings", [])),
                "reason": log_entry.data.get("reason", ""),
            }

    @actions.register_action(completeness.HOLD_ACTION)
    class HeldForEditions(LogFormatter):
        label = _("Held for the editions published together")

        def format_message(self, log_entry):
            return completeness.hold_message(log_entry.data.get("missing", []))

    @actions.register_action(gate.REFUSED_ACTION)
    class PublicationRefused(LogFormatter):
        label = _("Publication refused by the translation desk")

        def format_message(self, log_entry):
            return gate.refusal_message(log_entry.data.get("problems", []))

    for action, label in (
        (side_doors.CONVERT_ACTION, _("Translation converted to an alias")),
        (side_doors.STOP_ACTION, _("Synced translation stopped")),
        (side_doors.RESTART_ACTION, _("Synced translation restarted")),
        (side_doors.DELETE_ACTION, _("Translation deleted")),
        (side_doors.ALIAS_CONVERTED_ACTION, _("Alias converted into an ordinary page")),
    ):
        actions.register_action(action)(type("SideDoor", (ReasonFormatter,), {"label": label}))

    @actions.register_action(policy.TIME_LIMIT_ACTION)
    class TimeLimit(LogFormatter):
        label = _("Translations due by the site's time limit")

        def format_message(self, log_entry):
            due = datetime.datetime.fromisoformat(log_entry.data["due"])
            return _("The %(editions)s edition(s) are due by %(due)s (the site's time limit).") % {
                "editions": ", ".join(log_entry.data.get("languages", [])),
                "due": formats.date_format(timezone.localtime(due), "SHORT_DATETIME_FORMAT"),
            }


@hooks.register("register_bulk_action")
class SendToTranslationBulkAction(PageBulkAction):
    """ "Send to translation" for pages selected in the page listing: opens the send form with
    the selected Vietnamese pages the user may send."""

    display_name = _("Send to translation")
    action_type = "send_to_translation"
    aria_label = _("Send the selected pages to translation")
    template_name = "desk/send.html"
    action_priority = 50

    def check_perm(self, page):
        if page.locale.language_code != registry.SOURCE_LANGUAGE:
            return False
        channel = Channel.objects.for_page(page)
        return perms.can_send(self.request.user, channel.slug if channel else None)

    def get(self, request, *args, **kwargs):
        pages, _rest = self.get_actionable_objects()
        if not pages:
            raise PermissionDenied
        return redirect(reverse("desk:send") + "?" + urlencode([("page", p.pk) for p in pages]))

    @classmethod
    def execute_action(cls, objects, **kwargs):
        """Sending happens in the send form, which asks for languages and a deadline."""
        return 0, 0


class ReasonFormatter(LogFormatter):
    """A side door's page-history entry: what was done and the reason given."""

    def format_message(self, log_entry):
        reason = log_entry.data.get("reason")
        return (
            _("%(action)s: %(reason)s") % {"action": self.label, "reason": reason}
            if reason
            else self.label
        )
