"""The reader's error pages: "not found" and "server error" in the site's chrome and the
reader's language, with DEBUG on as well as off.

With DEBUG off Django calls ``handler404``/``handler500`` (``cms.urls``). With DEBUG on (``make
run``) Django would show its technical pages instead, which list the URL patterns and settings
to anyone; ``ErrorPagesMiddleware`` answers with the real pages there too. A developer who wants
Django's debug pages sets ``CMS_DEBUG_ERROR_PAGES=1`` (``CMS_DEBUG_ERROR_PAGES=1 make run``);
the traceback of a server error is logged either way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from locales import registry

logger = logging.getLogger("django.request")

# Exceptions Django answers with its 400 and 403 pages whatever DEBUG says.
_HANDLED_BY_DJANGO = (BadRequest, PermissionDenied, SuspiciousOperation)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: the project's 404 page, in the site's chrome."""
    return HttpResponse(render_to_string("404.html", request=request), status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the project's 500 page in the site's chrome; if the chrome itself
    cannot be drawn (the database may be what failed), the same message without it."""
    try:
        html = render_to_string("500.html", request=request)
    except Exception:  # anything: the page that says so must not fail too
        logger.exception("The 500 page could not be drawn with the site's chrome")
        # no database needed for the fonts of the reader's script (its stylesheet, preloads)
        language = registry.BY_CODE.get(translation.get_language() or "")
        html = render_to_string("500_minimal.html", {"language": language}, request=request)
    return HttpResponse(html, status=500)


class ErrorPagesMiddleware:
    """With DEBUG on, answer a reader page's 404 or server error with the real page instead of
    Django's technical one (unless ``CMS_DEBUG_ERROR_PAGES``). The admin keeps Django's pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG or settings.CMS_DEBUG_ERROR_PAGES:
            return None
        if request.path_info.startswith("/admin/") or isinstance(exception, _HANDLED_BY_DJANGO):
            return None
        if isinstance(exception, Http404):
            return not_found(request, exception)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return server_error(request)
