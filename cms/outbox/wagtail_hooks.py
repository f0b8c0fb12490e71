"""Administrators see what did not go out: the outbox listing (read-only) and a dashboard panel
counting failed e-mail, e-mail waiting for a retry, and background tasks that failed."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.core.stalled_tasks import failed_recently
from cms.outbox.models import OutgoingMail


class AdministratorsMayView(ModelPermissionPolicy):
    """Only active superusers, and only to look."""

    def user_has_permission(self, user, action: str) -> bool:
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class OutboxViewSet(ModelViewSet):
    model = OutgoingMail
    icon = "mail"
    menu_label = _("Outbox")
    add_to_settings_menu = True
    list_display = ["subject", "to", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "subject",
        "to",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    form_fields = ["subject"]


register_permission_policy(OutgoingMail, AdministratorsMayView(OutgoingMail))


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("outbox")


class OperationsPanel(Component):
    """Dashboard panel for administrators: what the mail server and the task worker left."""

    name = "operations"
    template_name = "outbox/panel.html"
    order = 40

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["mail"] = OutgoingMail.objects.aggregate(
            failed=Count("pk", filter=Q(status=OutgoingMail.Status.FAILED)),
            retrying=Count("pk", filter=Q(status=OutgoingMail.Status.PENDING, attempts__gt=0)),
        )
        context["failed_tasks"] = list(failed_recently()[:10])
        return context


@hooks.register("construct_homepage_panels")
def operations_panel(request, panels):
    if request.user.is_superuser:
        panels.append(OperationsPanel())
