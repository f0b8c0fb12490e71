"""The entry point of reader pages: Wagtail's serve view, routed from the cached edition home.

Wagtail's own view looks up the site and its root page in the reader's language on every
request (the site, the locale, the translation, its specific type: up to four queries) before
routing; the site and the edition homes are already in the cache (``cms.core.chrome``), so
routing starts there. Everything after routing (the ``before_serve_page`` and
``on_serve_page`` hooks, view restrictions included) is Wagtail's, unchanged; requests outside
an edition home go to Wagtail's view as they are."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.views import serve as wagtail_serve
from wagtail.views import serve_chain

from cms.core.chrome import current_language, find_site, site_frame


def serve(request: HttpRequest, path: str) -> HttpResponse:
    site = find_site(request)
    code = current_language().code
    home = site_frame(site, code, request).homes.get(code) if site is not None else None
    if home is None:
        return wagtail_serve(request, path)
    page, args, kwargs = home.route(request, [part for part in path.split("/") if part])
    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)
