"""What every reader page shows around its content: the channel, its edition homes, the
section menu, the language switcher and hreflang alternates. A fixed number of queries.

The section menu comes from the content app that defines sections: it registers the query
with ``register_menu`` (this module sits below the page types and never imports them)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site

from locales import registry
from locales.registry import Language
from sites.models import Channel

MenuQuery = Callable[[Page], Iterable[Page]]
_menu: list[MenuQuery] = []


def register_menu(query: MenuQuery) -> None:
    """Set the query that lists an edition home's menu entries, in menu order."""
    _menu[:] = [query]


@dataclass
class EditionLink:
    """One entry of the language switcher."""

    language: Language
    url: str
    translated: bool
    current: bool


@dataclass
class Chrome:
    site: Site | None
    channel: Channel | None
    language: Language
    home: Page | None
    sections: list[Page] = field(default_factory=list)
    editions: list[EditionLink] = field(default_factory=list)
    alternates: list[EditionLink] = field(default_factory=list)
    breadcrumbs: list[Page] = field(default_factory=list)

    @property
    def x_default(self) -> EditionLink | None:
        """The hreflang ``x-default`` alternate, for readers whose language has no edition:
        the English one where it exists, else the Vietnamese original (the same choice the
        root address makes, docs/adr/0007-english-for-unsupported-languages.md)."""
        by_code = {alternate.language.code: alternate for alternate in self.alternates}
        return by_code.get(registry.FOREIGN_READER_LANGUAGE) or by_code.get(
            registry.SOURCE_LANGUAGE
        )


def current_language() -> Language:
    code = get_language() or registry.SOURCE_LANGUAGE
    return registry.BY_CODE.get(code, registry.get(registry.SOURCE_LANGUAGE))


def build_chrome(
    request: HttpRequest, page: Page | None, view_urls: dict[str, str] | None = None
) -> Chrome:
    """Collect the surroundings of ``page`` (``None`` on error pages and views) for ``request``.
    ``view_urls``: for a view that is not a page (search results), its URL in each language;
    the switcher and the alternates then lead to the same view in the other editions."""
    language = current_language()
    site = Site.find_for_request(request)
    if site is None:
        return Chrome(site=None, channel=None, language=language, home=None)
    channel = Channel.objects.for_site(site)
    editions = channel.editions if channel else [registry.SOURCE_LANGUAGE]
    homes = {
        home.locale.language_code: home
        for home in Page.objects.filter(translation_key=site.root_page.translation_key)
        .live()
        .select_related("locale")
    }
    home = homes.get(language.code)
    sections = list(_menu[0](home)) if home and _menu else []
    targets: dict[str, tuple[str, str]] = {}  # language → (URL, full URL) of the page or view
    if view_urls is not None:
        targets = {
            code: (url, request.build_absolute_uri(url))
            for code, url in view_urls.items()
            if code in homes
        }
    elif page is not None:
        targets = {
            p.locale.language_code: (p.get_url(request), p.get_full_url(request))
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    switcher = []
    for code in editions:
        if code not in homes:
            continue
        if code in targets:
            url, translated = targets[code][0], True
        else:
            url, translated = homes[code].get_url(request) + "?from=untranslated", False
        switcher.append(
            EditionLink(registry.get(code), url, translated, current=code == language.code)
        )
    alternates = [
        EditionLink(registry.get(code), targets[code][1], True, False)
        for code in registry.CODES
        if code in targets and code in editions
    ]
    breadcrumbs = []
    if page is not None and home is not None and page.depth > home.depth:
        breadcrumbs = list(page.get_ancestors().filter(depth__gte=home.depth))
    return Chrome(
        site=site,
        channel=channel,
        language=language,
        home=home,
        sections=sections,
        editions=switcher,
        alternates=alternates,
        breadcrumbs=breadcrumbs,
    )


# What Django's json_script escapes, so that the JSON cannot close or open an element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """``data`` as a JSON-LD script element, escaped for embedding in HTML."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
