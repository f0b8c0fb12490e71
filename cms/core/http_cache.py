"""HTTP caching headers: reader pages are shareable, everything else is private.

A response is marked shareable when the request is a reader's (GET or HEAD, no session cookie,
not signed in), the path is a reader page (not the admin, documents, the APIs, search results or
the health checks) and the response is a 200 that sets no cookie and did not choose its own
``Cache-Control``. Shareable responses carry

    Cache-Control: public, max-age=0, s-maxage=<CMS_HTTP_CACHE_SECONDS>,
                   stale-while-revalidate=30, stale-if-error=86400

and an ETag (browsers revalidate every time, cheaply; shared caches — the proxy, the
application's page cache, a CDN — keep the page until it is purged on publication, and a proxy
keeps serving it for a day while the application is down). ``Vary: Cookie`` is dropped from
them: a request with a session cookie never reaches a shared cache's stored copy (the proxy
and the page cache pass it through), and any other cookie does not change the page.
Responses to signed-in users are ``private, no-cache``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, set_response_etag

STALE_WHILE_REVALIDATE = 30
STALE_IF_ERROR = 24 * 60 * 60
_PRIVATE_PATHS = re.compile(r"^/(admin|documents|api|health)/|^/[a-z-]+/search/")


def is_reader_request(request: HttpRequest) -> bool:
    """A request whose answer may be shared with every other anonymous reader."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not _PRIVATE_PATHS.match(request.path_info)


def shared_cache_control() -> str:
    return (
        f"public, max-age=0, s-maxage={settings.CMS_HTTP_CACHE_SECONDS}, "
        f"stale-while-revalidate={STALE_WHILE_REVALIDATE}, stale-if-error={STALE_IF_ERROR}"
    )


def _drop_vary_cookie(response: HttpResponseBase) -> None:
    if not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class ReaderCacheMiddleware:
    """Marks reader pages shareable (with an ETag, answering ``If-None-Match`` with 304) and
    every other answer to a signed-in user private."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if (
            settings.CMS_HTTP_CACHE_SECONDS
            and isinstance(response, HttpResponse)
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
            and is_reader_request(request)
        ):
            response["Cache-Control"] = shared_cache_control()
            _drop_vary_cookie(response)
            set_response_etag(response)
            conditional = get_conditional_response(
                request, etag=response.get("ETag"), response=response
            )
            return conditional if conditional is not None else response
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME) or response.cookies:
            response["Cache-Control"] = "private, no-cache"
        return response
