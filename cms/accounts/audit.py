"""The security side of the audit log, in Wagtail's log (``ModelLogEntry``), against the user or
group concerned: sign-ins and failed sign-ins, lockouts (django-axes), second factors added and
removed (django-otp), and changes to who belongs to which group and what a group may do. The
actor is the signed-in admin user when the change is made in the admin (Wagtail's log context),
nobody for a command. Publications, force publications and glossary overrides are logged
against their pages where they happen."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import get_active_log_context
from wagtail.models import GroupPagePermission, ModelLogEntry

from cms.accounts.throttling import client_ip

LOGIN = "accounts.login"
LOGIN_FAILED = "accounts.login_failed"
LOCKOUT = "accounts.lockout"
MFA_ADDED = "accounts.mfa_added"
MFA_REMOVED = "accounts.mfa_removed"
GROUPS_CHANGED = "accounts.groups_changed"
PERMISSIONS_CHANGED = "accounts.permissions_changed"
ACTIONS = (
    LOGIN,
    LOGIN_FAILED,
    LOCKOUT,
    MFA_ADDED,
    MFA_REMOVED,
    GROUPS_CHANGED,
    PERMISSIONS_CHANGED,
)

User = get_user_model()
#: The object of an entry about a user name that belongs to nobody.
NO_SUCH_USER = "-"
DEVICE_KINDS = {TOTPDevice: "authenticator", StaticDevice: "recovery_codes"}


def record(
    action: str, subject: Model | None, data: dict, *, label: str = "", actor=None
) -> ModelLogEntry:
    """One entry against ``subject`` (a user or a group), or against the user model with only
    ``label`` and :data:`NO_SUCH_USER` when no such user exists (a failed sign-in with an unknown
    name)."""
    if actor is None:
        actor = get_active_log_context().user
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(subject if subject is not None else User),
        object_id=str(subject.pk) if subject is not None else NO_SUCH_USER,
        label=label or str(subject),
        action=action,
        data=data,
        timestamp=timezone.now(),
        user=actor if getattr(actor, "pk", None) else None,
    )


def _ip(request) -> str:
    return client_ip(request) if request is not None else ""


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs) -> None:
    record(LOGIN, user, {"ip": _ip(request)}, actor=user)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    user = User.objects.filter(username=username).first()
    record(LOGIN_FAILED, user, {"username": username, "ip": _ip(request)}, label=username)


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    username = str(username or "")[:150]
    user = User.objects.filter(username=username).first()
    record(LOCKOUT, user, {"username": username, "ip": ip_address or ""}, label=username)


@receiver(post_save, sender=TOTPDevice)
@receiver(post_save, sender=StaticDevice)
def device_added(sender, instance, created, update_fields=None, **kwargs) -> None:
    confirmed_now = created or (update_fields is not None and "confirmed" in update_fields)
    if instance.confirmed and confirmed_now:
        record(MFA_ADDED, instance.user, {"device": DEVICE_KINDS[sender]})


@receiver(post_delete, sender=TOTPDevice)
@receiver(post_delete, sender=StaticDevice)
def device_removed(sender, instance, **kwargs) -> None:
    if instance.confirmed:
        record(MFA_REMOVED, instance.user, {"device": DEVICE_KINDS[sender]})


def _names(model, pks) -> list[str]:
    if model is Permission:
        return sorted(
            f"{app}.{codename}"
            for app, codename in Permission.objects.filter(pk__in=pks).values_list(
                "content_type__app_label", "codename"
            )
        )
    return sorted(
        str(name) for name in Group.objects.filter(pk__in=pks).values_list("name", flat=True)
    )


M2M_CHANGES = {"post_add": "added", "post_remove": "removed"}


@receiver(m2m_changed, sender=User.groups.through)
def membership_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    change = M2M_CHANGES.get(action)
    if change is None or not pk_set:
        return
    if reverse:  # group.user_set.add(...): one entry per user
        for user in User.objects.filter(pk__in=pk_set):
            record(GROUPS_CHANGED, user, {change: [instance.name]})
    else:
        record(GROUPS_CHANGED, instance, {change: _names(Group, pk_set)})


@receiver(m2m_changed, sender=Group.permissions.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    change = M2M_CHANGES.get(action)
    if change is None or not pk_set or reverse:
        return
    record(PERMISSIONS_CHANGED, instance, {change: _names(Permission, pk_set)})


@receiver(post_save, sender=GroupPagePermission)
@receiver(post_delete, sender=GroupPagePermission)
def page_permission_changed(sender, instance, created=None, **kwargs) -> None:
    if created is False:
        return
    change = "added" if created else "removed"
    permission = instance.permission
    name = f"{permission.content_type.app_label}.{permission.codename}" if permission else ""
    record(PERMISSIONS_CHANGED, instance.group, {change: [name], "page": instance.page.url_path})
