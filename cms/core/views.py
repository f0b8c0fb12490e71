"""Site-level reader views: sitemap with hreflang alternates, robots.txt, each site's icons
and web app manifest."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views import static
from django.views.decorators.cache import cache_control
from wagtail.models import Page, Site

from cms.core import icons
from locales import registry

SITEMAP_PAGE_SIZE = 10_000
ICON_CACHE_SECONDS = 24 * 60 * 60
MEDIA_CACHE_SECONDS = 24 * 60 * 60


def _site_pages(site: Site):
    """Every live, public page in every edition tree of ``site``."""
    roots = Page.objects.filter(translation_key=site.root_page.translation_key).only("path")
    tree = Q()
    for root in roots:
        tree |= Q(path__startswith=root.path)
    return Page.objects.live().public().filter(tree).select_related("locale").order_by("path")


class _Urls:
    """Full URLs of a site's pages computed from their ``url_path`` and the site's edition
    roots, in bulk (Wagtail's routing, page by page, costs about 70 µs a URL)."""

    def __init__(self, site: Site) -> None:
        self.roots = sorted(
            (
                (root.root_path, root.language_code, root.root_url)
                for root in Site.get_site_root_paths()
                if root.site_id == site.id
            ),
            key=lambda root: -len(root[0]),
        )

    def __call__(self, page: Page) -> str | None:
        language = page.locale.language_code
        for root_path, root_language, root_url in self.roots:
            if root_language == language and page.url_path.startswith(root_path):
                return f"{root_url}/{language}/{page.url_path[len(root_path) :]}"
        return None


def sitemap(request: HttpRequest) -> HttpResponse:
    """One sitemap per site listing each page with its language alternates; an index of
    numbered sitemaps once the site outgrows one file. Two queries whatever the size; shared
    caches keep it until a publication purges it (``cms.core.purging``)."""
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
    full_url = _Urls(site)
    keys = {page.translation_key for page in pages}
    editions: dict = defaultdict(list)
    for page in (
        Page.objects.live().public().filter(translation_key__in=keys).select_related("locale")
    ):
        url = full_url(page)
        if url:
            editions[page.translation_key].append((page.locale.language_code, url))
    urls = []
    for page in pages:
        location = full_url(page)
        if location:
            alternates = dict(sorted(editions[page.translation_key]))
            default = registry.default_edition(alternates)
            urls.append(
                {
                    "location": location,
                    "lastmod": page.last_published_at,
                    "alternates": alternates.items(),
                    "x_default": alternates[default] if default else None,
                }
            )
    return TemplateResponse(
        request, "core/sitemap.xml", {"urls": urls}, content_type="application/xml"
    )


@cache_control(public=True, max_age=MEDIA_CACHE_SECONDS)
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """An uploaded file, for installs where no proxy serves ``MEDIA_ROOT`` (renditions and
    originals keep their names, so a day in any cache is safe)."""
    return static.serve(request, path, document_root=str(settings.MEDIA_ROOT))


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
