"""Admin wiring: the second-factor pages, a menu item to enrol again, and the list of locked
sign-ins from which an administrator unlocks an account or an address (by deleting it)."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.accounts import audit, mfa


@hooks.register("register_admin_urls")
def mfa_urls():
    return [
        path("mfa/verify/", mfa.verify, name="accounts_mfa_verify"),
        path("mfa/setup/", mfa.setup, name="accounts_mfa_setup"),
    ]


class AdministratorsOnly(ModelPermissionPolicy):
    """Only active superusers may see failed sign-ins and unlock them."""

    def user_has_permission(self, user, action: str) -> bool:
        return action in ("view", "delete") and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Failed sign-ins")
    add_to_settings_menu = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    form_fields = ["username"]


register_permission_policy(AccessAttempt, AdministratorsOnly(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_lockouts():
    return LockoutViewSet("lockouts")


@hooks.register("register_account_menu_item")
def enrol_again(request):
    if mfa.needs_second_factor(request.user):
        return {
            "url": reverse("accounts_mfa_setup"),
            "label": _("Two-step verification"),
            "help_text": _("Move to a new authenticator app and get new recovery codes."),
        }
    return None


def _list(values) -> str:
    return ", ".join(values or []) or "—"


@hooks.register("register_log_actions")
def account_log_actions(actions):
    devices = {"authenticator": _("authenticator app"), "recovery_codes": _("recovery codes")}

    @actions.register_action(audit.LOGIN)
    class SignedIn(LogFormatter):
        label = _("Signed in")

        def format_message(self, log_entry):
            return _("Signed in from %(ip)s") % {"ip": log_entry.data.get("ip") or "—"}

    @actions.register_action(audit.LOGIN_FAILED)
    class SignInFailed(LogFormatter):
        label = _("Sign-in failed")

        def format_message(self, log_entry):
            return _("Failed sign-in as “%(username)s” from %(ip)s") % {
                "username": log_entry.data.get("username", ""),
                "ip": log_entry.data.get("ip") or "—",
            }

    @actions.register_action(audit.LOCKOUT)
    class LockedOut(LogFormatter):
        label = _("Locked out")

        def format_message(self, log_entry):
            return _("Sign-in locked for “%(username)s” from %(ip)s after repeated failures") % {
                "username": log_entry.data.get("username", ""),
                "ip": log_entry.data.get("ip") or "—",
            }

    @actions.register_action(audit.MFA_ADDED)
    class SecondFactorAdded(LogFormatter):
        label = _("Second factor added")

        def format_message(self, log_entry):
            return _("Second factor added: %(device)s") % {
                "device": devices.get(log_entry.data.get("device"), "—")
            }

    @actions.register_action(audit.MFA_REMOVED)
    class SecondFactorRemoved(LogFormatter):
        label = _("Second factor removed")

        def format_message(self, log_entry):
            return _("Second factor removed: %(device)s") % {
                "device": devices.get(log_entry.data.get("device"), "—")
            }

    @actions.register_action(audit.GROUPS_CHANGED)
    class GroupsChanged(LogFormatter):
        label = _("Group membership changed")

        def format_message(self, log_entry):
            return _("Groups added: %(added)s; removed: %(removed)s") % {
                "added": _list(log_entry.data.get("added")),
                "removed": _list(log_entry.data.get("removed")),
            }

    @actions.register_action(audit.PERMISSIONS_CHANGED)
    class PermissionsChanged(LogFormatter):
        label = _("Permissions changed")

        def format_message(self, log_entry):
            message = _("Permissions added: %(added)s; removed: %(removed)s") % {
                "added": _list(log_entry.data.get("added")),
                "removed": _list(log_entry.data.get("removed")),
            }
            page = log_entry.data.get("page")
            return f"{message} ({page})" if page else message
