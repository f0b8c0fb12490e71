"""Template tags for reader pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from wagtail.models import Page

from cms.core.chrome import Chrome, build_chrome, json_ld
from locales.registry import Language

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
def edition_fragment(context, template_name: str, *vary) -> SafeString:
    """``{% edition_fragment "components/chrome/footer.html" chrome.current_info_page %}``:
    a part of the chrome shown alike on every page of the edition (with ``vary``: on every
    page with the same values), rendered from ``template_name`` with the page's context once
    per site frame and then taken from the frame (``Chrome.fragment``)."""
    chrome: Chrome = context["chrome"]

    def render() -> str:
        return context.template.engine.get_template(template_name).render(context)

    return chrome.fragment((template_name, *vary), render)


@register.simple_tag(takes_context=True)
def language_switcher(context) -> SafeString | str:
    """``{% language_switcher %}``: every edition of the site by its own name, in its own
    language; editions without this page are marked (visibly and for screen readers) and lead
    to a page saying so. Written here rather than in a template: it differs on every page,
    and a template's work for each of its variables was a twentieth of an article's render."""
    chrome: Chrome = context["chrome"]
    if len(chrome.editions) <= 1:
        return ""
    missing = gettext("not translated")
    entries = format_html_join(
        "",
        '\n    <li><a href="{}" lang="{}" hreflang="{}"{}{}>{}{}</a></li>',
        (
            (
                edition.url,
                edition.language.code,
                edition.language.code,
                mark_safe(' aria-current="true"') if edition.current else "",
                ""
                if edition.translated
                else format_html(' rel="nofollow" class="languages__missing" title="{}"', missing),
                edition.language.name_local,
                ""
                if edition.translated
                else format_html(
                    '<span class="visually-hidden" lang="{}"> ({})</span>',
                    chrome.language.code,
                    missing,
                ),
            )
            for edition in chrome.editions
        ),
    )
    return format_html(
        '<nav class="languages" aria-label="{}">\n  <ul>{}\n  </ul>\n</nav>',
        gettext("Languages"),
        entries,
    )


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> SafeString:
    """``{% hreflang_links %}``: the page's ``<link rel="alternate" hreflang>`` for each
    edition it is in, and the ``x-default`` one (``Chrome.x_default``)."""
    chrome: Chrome = context["chrome"]
    links = [(alternate.language.code, alternate.url) for alternate in chrome.alternates]
    if chrome.x_default is not None:
        links.append(("x-default", chrome.x_default.url))
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)


@register.simple_tag(takes_context=True)
def edition_route(context, name: str, *args) -> str:
    """``{% edition_route 'topic' topic.slug %}``: the address of one of the edition home's
    own routes (``Chrome.home_route``)."""
    return context["chrome"].home_route(name, *args)


# Scripts written without spaces between words, broken into lines by a dictionary that splits
# transliterated names it does not know (ຮ່າໂນ້ຍ → ຮ່າ | ໂນ້ຍ).
_DICTIONARY_BROKEN_SCRIPTS = {"Laoo", "Khmr"}
# A space-separated run up to this many characters is taken for a name and kept on one line
# (ນະຄອນຮ່າໂນ້ຍ, កាសែតហាណូយថ្មី); a longer one is a phrase that must still break on a phone.
_NAME_LENGTH = 16


@register.filter
def keep_words(name: str, language: Language) -> SafeString | str:
    """``{{ channel.name|keep_words:chrome.language }}``: in Lao and Khmer, each short
    space-separated part of a name in a ``.nowrap`` span, so that the line breaks at the
    spaces rather than inside a name; other languages break as usual."""
    if language.script not in _DICTIONARY_BROKEN_SCRIPTS:
        return name
    return format_html_join(
        " ",
        "{}",
        (
            (
                format_html('<span class="nowrap">{}</span>', part)
                if len(part) <= _NAME_LENGTH
                else part,
            )
            for part in name.split()
        ),
    )


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
        "mainEntityOfPage": chrome.page_url,
        "author": [{"@type": "Person", "name": a.name} for a in context.get("article_authors", [])],
    }
    if chrome.channel is not None:
        data["publisher"] = {"@type": "NewsMediaOrganization", "name": chrome.channel.name}
    # The social-media rendition, on the reader's own host (never the admin's address).
    image = context.get("og_image")
    if image is not None:
        data["image"] = [request.build_absolute_uri(image.url)]
    return json_ld(data)


@register.simple_tag(takes_context=True)
def reader_url(context, page) -> str | None:
    """``{% reader_url page %}``: Wagtail's ``{% pageurl page %}`` for reader pages, taken from
    the edition homes' addresses the chrome holds (cards and breadcrumbs: no URL to reverse
    per page)."""
    chrome = context.get("chrome")
    if isinstance(chrome, Chrome):
        return chrome.url_of(page, context.get("request"))
    return page.get_url(request=context.get("request"))
