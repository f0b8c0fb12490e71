"""Template tags for reader pages."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString
from wagtail.models import Page

from cms.core.chrome import Chrome, build_chrome, json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_chrome(context, page=None) -> Chrome:
    """``{% reader_chrome page as chrome %}``: channel, menu, switcher and alternates; the one
    pages build in ``get_context``, or a new one on pages without it (error pages)."""
    chrome = context.get("chrome")
    if isinstance(chrome, Chrome):
        return chrome
    return build_chrome(context["request"], page if isinstance(page, Page) else None)


@register.simple_tag(takes_context=True)
def article_json_ld(context, page) -> SafeString:
    """JSON-LD ``NewsArticle`` metadata for an article page."""
    request = context["request"]
    chrome: Chrome = context["chrome"]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.standfirst,
        "inLanguage": chrome.language.code,
        "datePublished": page.publication_date.isoformat(),
        "dateModified": (page.last_published_at or page.publication_date).isoformat(),
        "mainEntityOfPage": page.get_full_url(request),
        "author": [{"@type": "Person", "name": a.name} for a in context.get("article_authors", [])],
    }
    if chrome.channel is not None:
        data["publisher"] = {"@type": "NewsMediaOrganization", "name": chrome.channel.name}
    image = context.get("og_image")
    if image:
        # The rendition's own full URL is built on WAGTAILADMIN_BASE_URL; the page's host is
        # the site the reader is on.
        data["image"] = [request.build_absolute_uri(image.url)]
    return json_ld(data)
