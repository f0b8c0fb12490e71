"""A second factor for the people who can publish or change everything: administrators and
approvers sign in with a password and a code from an authenticator app (TOTP, django-otp), or
one of ten single-use recovery codes. They enrol in the admin the first time they sign in."""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable

import segno
from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sites import roles

RECOVERY_CODES = 10
# Reachable before the second factor: signing in and out, resetting a password, the factor's
# own pages, and what the admin's pages load for themselves: the translations for their scripts
# and the icon sprite (fetched by script and inserted into the page, so a redirect would insert
# a second copy of the page, form and all).
OPEN_PATHS = ("login/", "logout/", "password_reset/", "mfa/", "jsi18n/", "sprite/")


def needs_second_factor(user) -> bool:
    return settings.CMS_REQUIRE_MFA and (
        user.is_superuser or bool(roles.channel_slugs(user, roles.APPROVERS))
    )


def is_verified(user) -> bool:
    """Whether ``user`` gave a second factor this session (django-otp's middleware adds
    ``is_verified`` to the request's user)."""
    return bool(user.is_verified())


class SecondFactorMiddleware:
    """In the admin, an administrator or approver who has not given a code this session is sent
    to give one (or to enrol first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin = reverse("wagtailadmin_home")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        path = request.path_info
        if (
            path.startswith(self.admin)
            and not path[len(self.admin) :].startswith(OPEN_PATHS)
            and user.is_authenticated
            and not is_verified(user)
            and needs_second_factor(user)
        ):
            target = "accounts_mfa_verify" if user_has_device(user) else "accounts_mfa_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the authenticator app or a recovery code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("This code is not valid. Try the current one."))
    return TemplateResponse(
        request,
        "accounts/mfa_verify.html",
        {"form": form, "header_title": _("Two-step verification")},
    )


def setup(request: HttpRequest) -> HttpResponse:
    """Enrol: scan the key into an authenticator app, confirm with a code, receive the recovery
    codes once. Enrolling again replaces the old app and codes."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if user_has_device(user) and not is_verified(user):
        return redirect(f"{reverse('accounts_mfa_verify')}?next={request.get_full_path()}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            codes = _confirm(user, device)
            otp_login(request, device)
            return TemplateResponse(
                request,
                "accounts/mfa_codes.html",
                {"codes": codes, "next": _next(request), "header_title": _("Recovery codes")},
            )
        form.add_error("code", _("This code is not valid. Try the current one."))
    qr = segno.make(device.config_url, error="m")
    return TemplateResponse(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr": qr.svg_inline(scale=4, title=_("Key for the authenticator app")),
            "key": b32encode(device.bin_key).decode("ascii").rstrip("="),
            "header_title": _("Set up two-step verification"),
        },
    )


@transaction.atomic
def _confirm(user, device: TOTPDevice) -> list[str]:
    """Make ``device`` the user's only app and give them fresh recovery codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    return codes
