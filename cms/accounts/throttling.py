"""Login throttling (django-axes: per account and per address, settings in ``base.py``) and a
throttled password-reset request."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin.views.account import PasswordResetView

RESET_WINDOW_SECONDS = 60 * 60
RESET_LIMIT_PER_ADDRESS = 5
RESET_LIMIT_PER_EMAIL = 3


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``CMS_PROXY_COUNT`` trusted proxies the
    address the first of them saw (the one a client cannot forge)."""
    count = settings.CMS_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def _over_limit(key: str, limit: int) -> bool:
    cache.add(key, 0, RESET_WINDOW_SECONDS)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        return False


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, at most ``RESET_LIMIT_PER_ADDRESS`` requests an hour from one
    address (then 429) and ``RESET_LIMIT_PER_EMAIL`` e-mails an hour to one address (further
    requests look the same, so nobody learns whether an account exists)."""

    def post(self, request, *args, **kwargs) -> HttpResponse:
        if _over_limit(f"reset:ip:{client_ip(request)}", RESET_LIMIT_PER_ADDRESS):
            return render(
                request,
                "accounts/throttled.html",
                {"message": _("Too many password reset requests. Try again in an hour.")},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        if _over_limit(f"reset:email:{email}", RESET_LIMIT_PER_EMAIL):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer once an account or an address is locked: 429, translated."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Sign-in is locked after %(limit)d failed attempts. Try again in %(minutes)d minutes, "
        "or ask an administrator to unlock it."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/throttled.html", {"message": message}, status=429)
