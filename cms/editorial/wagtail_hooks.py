"""Wagtail hooks: admin URLs, the force-publish action, the oversight menu item and log action."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from cms.editorial import audit, concurrency, reasons, views
from cms.editorial.models import OversightNotice
from cms.editorial.permissions import can_force_publish, can_view_oversight


@hooks.register("register_admin_urls")
def editorial_urls():
    return [
        path("force-publish/<int:page_id>/", views.force_publish, name="editorial_force_publish"),
        path("oversight/", views.oversight, name="editorial_oversight"),
        path("audit/", audit.audit_log, name="editorial_audit_log"),
    ]


class ForcePublishMenuItem(ActionMenuItem):
    label = _("Force publish…")
    name = "action-force-publish"
    icon_name = "warning"
    order = 60

    def is_shown(self, context):
        return (
            context["view"] == "edit"
            and not context["locked_for_user"]
            and can_force_publish(context["request"].user, context["page"])
        )

    def get_url(self, context):
        return reverse("editorial_force_publish", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def force_publish_menu_item():
    return ForcePublishMenuItem()


class OversightMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_oversight(request.user)


@hooks.register("register_admin_menu_item")
def oversight_menu_item():
    return OversightMenuItem(
        _("Oversight"), reverse("editorial_oversight"), icon_name="view", order=900
    )


@hooks.register("register_admin_menu_item")
def audit_log_menu_item():
    return OversightMenuItem(
        _("Audit log"), reverse("editorial_audit_log"), icon_name="history", order=901
    )


@hooks.register("register_log_actions")
def editorial_log_actions(actions):
    @actions.register_action(views.FORCE_PUBLISH_ACTION)
    class ForcePublished(LogFormatter):
        label = _("Force published")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            category = data.get("category", "")
            return _("Published without workflow approval (%(category)s): %(reason)s") % {
                "category": reasons.Category(category).label if category else "—",
                "reason": data.get("reason", ""),
            }


class OversightNoticesPanel(Component):
    """Dashboard panel for oversight staff: force publications they have not yet seen."""

    name = "oversight_notices"
    template_name = "editorial/notices_panel.html"
    order = 30

    def __init__(self, notices):
        self.notices = notices

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["notices"] = self.notices
        return context


@hooks.register("construct_homepage_panels")
def oversight_notices_panel(request, panels):
    if not can_view_oversight(request.user):
        return
    notices = list(
        OversightNotice.objects.filter(recipient=request.user, read_at__isnull=True).select_related(
            "force_publication__page", "force_publication__user"
        )[:10]
    )
    if notices:
        panels.append(OversightNoticesPanel(notices))


@hooks.register("before_edit_page")
def refuse_stale_page_save(request, page):
    return concurrency.page_conflict(request, page)


@hooks.register("before_edit_snippet")
def refuse_stale_snippet_save(request, instance):
    return concurrency.snippet_conflict(request, instance)
