"""The application's own page cache, for installs without a caching proxy in front.

A WSGI wrapper around Django (``cms/wsgi.py``): a reader's request (GET or HEAD, no session
cookie) whose response Django marked shareable (``Cache-Control: public`` with ``s-maxage``,
set by ``cms.core.http_cache``, never with ``Set-Cookie``) is stored in the ``pages`` cache and
answered from it the next time without entering Django at all: no middleware, no URL routing, no
database. Logged-in editors carry the session cookie and always reach Django; previews live under
``/admin/``, which is never marked shareable.

Entries are keyed by host, path and query string, and each holds the two generations it was
rendered under: one per host and one per host and path. Purging a path (every query string of
it: a listing's pagination, the ``?from=untranslated`` variant) replaces the path's generation;
purging a whole site replaces the host's; an entry whose generations are no longer current is not
answered. A lookup reads both generations and the entry at once (one round trip to Redis). The
generations are read before Django renders, so a purge that lands while a page is being rendered
leaves that render stored under the retired generation, and it is never answered.

The parameters that social networks, messengers and campaigns add to shared links
(``TRACKING_PARAMETERS``: ``fbclid``, ``zarsrc``, ``utm_source``…) change nothing on a page, yet
each click carries its own value: they are left out of the query string before the lookup (and
before Django sees it), so a burst of readers arriving from a shared link is answered from one
entry. The proxy strips the same names (``deploy/varnish/cms.vcl``).

With ``CMS_PAGE_FILES_DIR`` set, the HTML pages it stores are also written as files for nginx
to send (``cms.core.page_files``), and purges remove them.

The ``pages`` cache must be shared by every process that serves or publishes (Redis, or a
directory on one machine): a purge made by the task worker must reach the web workers.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.cache import caches
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from cms.core import logs, page_files

WHOLE_SITE = "*"
"""A purged URL whose path ends with this stands for every path of its host."""

_SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/health/")
# Not stored: they belong to one exchange (the request id is the current request's).
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "x-request-id"}
_ENTITY_HEADERS = {"content-length", "content-type"}

StartResponse = Callable[..., Any]

TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "zarsrc",  # Zalo
        "gclid",  # Google Ads
        "gbraid",
        "wbraid",
        "dclid",
        "msclkid",  # Microsoft Ads
        "yclid",  # Yandex
        "twclid",  # X
        "ttclid",  # TikTok
        "igshid",  # Instagram
        "mc_cid",  # Mailchimp
        "mc_eid",
        "_ga",  # Google Analytics cross-domain links
        "_gl",
    }
)
"""Query parameters that only say where a reader came from (with every ``utm_…``)."""


def _is_tracking(parameter: str) -> bool:
    name = parameter.split("=", 1)[0]
    return name in TRACKING_PARAMETERS or name.startswith("utm_")


def without_tracking(query: str) -> str:
    """``query`` without its tracking parameters, the others kept as they were written."""
    if not query:
        return query
    parameters = query.split("&")
    if not any(_is_tracking(p) for p in parameters):
        return query
    return "&".join(p for p in parameters if p and not _is_tracking(p))


def _cache():
    return caches[settings.CMS_PAGE_CACHE_ALIAS]


def _host_key(host: str) -> str:
    return "pc:h:" + host.lower()


def _path_key(host: str, path: str) -> str:
    digest = hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
    return f"pc:p:{host.lower()}:{digest}"


def _entry_key(host: str, path: str, query: str) -> str:
    digest = hashlib.blake2b(
        f"{path}?{query}".encode("utf-8", "surrogateescape"), digest_size=12
    ).hexdigest()
    return f"pc:e:{host.lower()}:{digest}"


def purge_url(url: str) -> None:
    """Forget every stored answer for ``url``'s path on its host (any query string), and its
    page files; a path ending in ``*`` forgets the whole host. The generations are replaced
    first: a page file written meanwhile is then removed by its writer or by this purge."""
    parts = urlsplit(url)
    if parts.path.endswith(WHOLE_SITE):
        _cache().delete(_host_key(parts.netloc))
        page_files.forget(parts.netloc, None)
    else:
        _cache().delete(_path_key(parts.netloc, parts.path))
        page_files.forget(parts.netloc, unquote_to_bytes(parts.path))


def _generation_keys(host: str, path: str) -> tuple[str, str]:
    return _host_key(host), _path_key(host, path)


def _current(host: str, path: str, generations: tuple[str, str]) -> bool:
    """Whether ``generations`` are still those of ``host`` and ``path``."""
    keys = _generation_keys(host, path)
    try:
        found = _cache().get_many(keys)
    except Exception:  # the cache is down: nothing can vouch for the answer
        return False
    return (found.get(keys[0]), found.get(keys[1])) == generations


def _lookup(host: str, path: str, query: str) -> tuple[tuple[str, str], Any]:
    """The current generations of ``host`` and of ``path`` on it (created when missing), and
    the stored answer for ``query`` when it was rendered under them."""
    cache = _cache()
    keys = (*_generation_keys(host, path), _entry_key(host, path, query))
    found = cache.get_many(keys)
    if keys[0] not in found or keys[1] not in found:
        for key in keys[:2]:
            cache.add(key, uuid.uuid4().hex, timeout=None)
        found = cache.get_many(keys[:2])
    generations = (found.get(keys[0], ""), found.get(keys[1], ""))
    stored = found.get(keys[2])
    if stored is not None and stored[0] == generations:
        return generations, stored[1:]
    return generations, None


def _is_reader_request(environ: dict) -> bool:
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME + "=" in environ.get("HTTP_COOKIE", ""):
        return False
    path = environ.get("PATH_INFO", "")
    return not path.startswith(_SKIPPED_PREFIXES)


def _shareable(status: str, headers: list[tuple[str, str]]) -> bool:
    if not status.startswith("200"):
        return False
    cache_control = ""
    for name, value in headers:
        lower = name.lower()
        if lower == "set-cookie":
            return False
        if lower == "cache-control":
            cache_control = value
    return "public" in cache_control and "s-maxage" in cache_control


class PageCache:
    """WSGI middleware: answer readers from the ``pages`` cache, fill it from Django."""

    def __init__(self, application: Callable[..., Iterable[bytes]]) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if not settings.CMS_PAGE_CACHE_SECONDS or not _is_reader_request(environ):
            return self.application(environ, start_response)
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        path = environ.get("PATH_INFO", "/")
        query = environ["QUERY_STRING"] = without_tracking(environ.get("QUERY_STRING", ""))
        try:
            generations, stored = _lookup(host, path, query)
        except Exception:  # the cache is down: readers are served by Django, uncached
            return self.application(environ, start_response)
        if stored is not None:
            if stored[-1]:  # a page kept as a file: written again if it is gone
                still_current = partial(_current, host, path, generations)
                page_files.keep(environ, stored[-1], stored[2], still_current)
            return self._answer(environ, start_response, stored[:-1])
        return self._fill(environ, start_response, (host, path, query), generations)

    def _answer(self, environ: dict, start_response: StartResponse, stored: tuple) -> list[bytes]:
        status, headers, body, etag = stored
        headers = [*headers, (logs.HEADER, logs.request_id_for(environ.get("HTTP_X_REQUEST_ID")))]
        if etag and etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            kept = [(n, v) for n, v in headers if n.lower() not in _ENTITY_HEADERS]
            start_response("304 Not Modified", [*kept, ("X-Page-Cache", "hit")])
            return []
        start_response(status, [*headers, ("X-Page-Cache", "hit")])
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def _fill(
        self,
        environ: dict,
        start_response: StartResponse,
        address: tuple[str, str, str],
        generations: tuple[str, str],
    ) -> Iterable[bytes]:
        seen: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, [*headers, ("X-Page-Cache", "miss")], exc_info)

        result = self.application(environ, capture)
        if environ["REQUEST_METHOD"] == "HEAD" or not _shareable(
            seen.get("status", ""), seen.get("headers", [])
        ):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        headers = [(n, v) for n, v in seen["headers"] if n.lower() not in _HOP_BY_HOP]
        etag = next((v for n, v in headers if n.lower() == "etag"), "")
        content_type = next((v for n, v in headers if n.lower() == "content-type"), "")
        file = page_files.file_for(environ, content_type)
        # The cache is down: this answer is simply not kept.
        with contextlib.suppress(Exception):
            _cache().set(
                _entry_key(*address),
                (generations, seen["status"], headers, body, etag, file),
                settings.CMS_PAGE_CACHE_SECONDS,
            )
            if file:
                still_current = partial(_current, *address[:2], generations)
                page_files.keep(environ, file, body, still_current)
        return [body]


class PageCacheBackend(BaseBackend):
    """Wagtail frontend-cache backend that purges the application's page cache."""

    def purge(self, url: str) -> None:
        purge_url(url)
