"""Site-level reader views: sitemap with hreflang alternates, robots.txt, each site's icons
and web app manifest."""

from __future__ import annotations

from collections import defaultdict

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, cache_page
from wagtail.models import Page, Site

from cms.core import icons

SITEMAP_PAGE_SIZE = 10_000
SITEMAP_CACHE_SECONDS = 15 * 60
ICON_CACHE_SECONDS = 24 * 60 * 60


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


# Addresses that are not for readers. Published documents (/documents/) are, so that search
# engines can index them; Wagtail's document view refuses private ones by itself.
PRIVATE_PATHS = ("/admin/", "/api/")


def robots_txt(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS)]
    if site is not None:
        lines.append(f"Sitemap: {site.root_url}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@cache_control(max_age=ICON_CACHE_SECONDS, public=True)
def favicon_svg(request: HttpRequest) -> HttpResponse:
    return HttpResponse(icons.svg(icons.brand_for(request)), content_type="image/svg+xml")


@cache_control(max_age=ICON_CACHE_SECONDS, public=True)
def favicon_ico(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        icons.bitmap(icons.brand_for(request), 32, "ICO"), content_type="image/x-icon"
    )


@cache_control(max_age=ICON_CACHE_SECONDS, public=True)
def icon_png(request: HttpRequest, size: int) -> HttpResponse:
    """``/apple-touch-icon.png`` (180) and ``/icon-<size>.png`` (192, 512)."""
    if size not in icons.PNG_SIZES:
        raise Http404
    return HttpResponse(icons.bitmap(icons.brand_for(request), size), content_type="image/png")


@cache_control(max_age=ICON_CACHE_SECONDS, public=True)
def manifest(request: HttpRequest) -> JsonResponse:
    """The edition's web app manifest: the site's name in the edition's language."""
    language = get_language()
    return JsonResponse(
        icons.manifest(icons.brand_for(request), language, f"/{language}/"),
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
