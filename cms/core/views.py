"""Site-level reader views: sitemap with hreflang alternates and robots.txt."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views import static
from django.views.decorators.cache import cache_control, cache_page
from wagtail.models import Page, Site

SITEMAP_PAGE_SIZE = 10_000
SITEMAP_CACHE_SECONDS = 15 * 60
MEDIA_CACHE_SECONDS = 24 * 60 * 60


def _site_pages(site: Site):
    """Every live, public page in every edition tree of ``site``."""
    roots = Page.objects.filter(translation_key=site.root_page.translation_key).only("path")
    tree = Q()
    for root in roots:
        tree |= Q(path__startswith=root.path)
    return Page.objects.live().public().filter(tree).select_related("locale").order_by("path")


@cache_page(SITEMAP_CACHE_SECONDS)
@cache_control(max_age=SITEMAP_CACHE_SECONDS, public=True)
def sitemap(request: HttpRequest) -> HttpResponse:
    """One sitemap per site listing each page with its language alternates; an index of
    numbered sitemaps once the site outgrows one file. Cached per host for 15 minutes: building
    10,000 entries with their alternates takes over a second (docs/performance.md)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    paginator = Paginator(_site_pages(site), SITEMAP_PAGE_SIZE)
    number = request.GET.get("p")
    if number is None and paginator.num_pages > 1:
        return TemplateResponse(
            request,
            "core/sitemap_index.xml",
            {"sitemaps": [f"{site.root_url}/sitemap.xml?p={n}" for n in paginator.page_range]},
            content_type="application/xml",
        )
    try:
        pages = list(paginator.page(number or 1))
    except InvalidPage:  # not a number, or past the last sitemap
        raise Http404 from None
    keys = {page.translation_key for page in pages}
    editions: dict = defaultdict(list)
    for page in (
        Page.objects.live().public().filter(translation_key__in=keys).select_related("locale")
    ):
        url = page.get_full_url(request)
        if url:
            editions[page.translation_key].append((page.locale.language_code, url))
    urls = []
    for page in pages:
        location = page.get_full_url(request)
        if location:
            urls.append(
                {
                    "location": location,
                    "lastmod": page.last_published_at,
                    "alternates": sorted(editions[page.translation_key]),
                }
            )
    return TemplateResponse(
        request, "core/sitemap.xml", {"urls": urls}, content_type="application/xml"
    )


@cache_control(public=True, max_age=MEDIA_CACHE_SECONDS)
def media(request: HttpRequest, path: str) -> HttpResponse:
    """An uploaded file, for installs where no proxy serves ``MEDIA_ROOT`` (renditions and
    originals keep their names, so a day in any cache is safe)."""
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)


def robots_txt(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/"]
    if site is not None:
        lines.append(f"Sitemap: {site.root_url}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
