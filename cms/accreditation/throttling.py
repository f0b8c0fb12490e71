"""Rate limits on the public form, in the shared cache, like the password-reset throttle:
per client address (``client_ip`` honours ``CMS_PROXY_COUNT``) and per e-mail address."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from cms.accounts.throttling import client_ip

WINDOW_SECONDS = 60 * 60
LIMIT_PER_ADDRESS = 10
LIMIT_PER_EMAIL = 3


def _count(key: str, limit: int) -> bool:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        return False


def address_over_limit(request: HttpRequest) -> bool:
    """Counts one submission from the request's address; true past the limit."""
    return _count(f"accreditation:ip:{client_ip(request)}", LIMIT_PER_ADDRESS)


def email_over_limit(email: str) -> bool:
    """Counts one request for ``email``; true past the limit."""
    return _count(f"accreditation:email:{email.strip().lower()}", LIMIT_PER_EMAIL)
