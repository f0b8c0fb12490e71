"""Security headers on every response: the Content-Security-Policy (django-csp), relaxed for the
admin only where Wagtail and wagtail-localize need it, and a Permissions-Policy.

The admin's policy adds ``'unsafe-inline'`` to ``script-src``: Wagtail's date, time and inline
panel widgets and wagtail-localize's translation editor write inline scripts. Reader pages allow
no inline script at all. This module is the one place that uses django-csp's per-response
attribute (``_csp_update``, what its ``csp_update`` decorator sets)."""

from __future__ import annotations

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's additions, and the Permissions-Policy."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path_info.startswith(reverse("wagtailadmin_home")) and not hasattr(
            response, "_csp_update"
        ):
            setattr(response, "_csp_update", settings.CMS_ADMIN_CSP_ADDITIONS)  # noqa: B010
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return super().process_response(request, response)
