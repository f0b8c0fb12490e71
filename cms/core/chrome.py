"""What every reader page shows around its content: the channel, its edition homes, the
section menu, the language switcher and hreflang alternates. A fixed number of queries.

The section menu comes from the content app that defines sections: it registers the query
with ``register_menu`` (this module sits below the page types and never imports them).

What is the same on every page of an edition (the channel, the edition homes, the menu, the
footer's links to the info pages) is the *site frame*: built once and kept in the cache under
a generation number that every publish, unpublish, move or deletion of a page, every change
of a channel and every page made private or public again increments (see
``invalidate_frames``); readers never wait more than ``FRAME_SECONDS`` for a change made by
another process when the cache is not shared between processes (local memory). Each process
also keeps the frames it has read, so that a request reads only the generation from the cache,
not the whole frame, while the generation is the same."""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Field
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site

from cms.core import page_files
from cms.core.info_pages import InfoLink, info_links
from cms.core.sql import column, table
from locales import registry
from locales.registry import Language
from sites.models import Channel

MenuQuery = Callable[[Page], Iterable[Page]]
_menu: list[MenuQuery] = []

FRAME_SECONDS = 5 * 60
_GENERATION_KEY = "chrome:generation"
# Part of every frame's cache key, changed whenever ``SiteFrame`` changes shape: a shared
# cache (Redis) may still hold frames pickled by the release before, which this one must not
# read back.
_FRAME_FORMAT = 3
# The frame this process read last for each site and language: taken again, not unpickled from
# the cache, while its key (with the generation) is the one asked for and it is younger than
# FRAME_SECONDS, as the cache itself would answer. One entry per edition of a site.
_frames_read: dict[tuple[int, str], SiteFrame] = {}


def register_menu(query: MenuQuery) -> None:
    """Set the query that lists an edition home's menu entries, in menu order."""
    _menu[:] = [query]


@dataclass
class SiteFrame:
    """What every page of one edition of a site shows around its content (cached)."""

    channel: Channel | None
    homes: dict[str, Page]
    sections: list[Page]
    info_links: list[InfoLink] = field(default_factory=list)
    key: str = ""
    """The frame's cache key: the generation, the site and the language."""
    home_urls: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each edition home's address as linked from the site's pages and its full URL: the
    links to every page below a home (switcher, alternates, cards, breadcrumbs) are built
    from them."""
    built: float = 0.0
    """When the frame was built (``time.time()``): after ``FRAME_SECONDS`` a process reads it
    from the cache again, where it has expired."""
    fragments: dict[tuple, SafeString] = field(default_factory=dict, repr=False)
    """The parts of the chrome rendered for this edition (``Chrome.fragment``), kept with the
    frame in this process and retired with it; a frame is cached before any is rendered."""


def frame_generation() -> int:
    """The number every publication, unpublication, move or deletion of a page, every change of
    a site, its channel or its settings and every change of view restrictions increments
    (``invalidate_frames``): what is cached under it is not read back after such a change (by
    another process with a local-memory cache of its own, once ``FRAME_SECONDS`` have passed)."""
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        cache.add(_GENERATION_KEY, _first_generation(), None)
        generation = cache.get(_GENERATION_KEY, 0)
    return generation


def _first_generation() -> int:
    """A generation to start from when the cache holds none (new, emptied or evicted): the
    clock in nanoseconds, so that a generation is never used twice and nothing a process
    kept from before is taken for current."""
    return time.time_ns()


def settings_made_on_first_reading(instance: object, created: bool) -> bool:
    """Whether a save is a site's settings being made with their defaults the first time they
    are read: nothing readers see changes."""
    return created and isinstance(instance, BaseSiteSetting)


def invalidate_frames(sender=None, **kwargs) -> None:
    """Forget every cached site frame (a signal receiver: publish, unpublish, move, delete; a
    change of a site, its channel or its settings; a page made private or public again)."""
    instance = kwargs.get("instance")
    if (
        sender is not None
        and instance is not None
        and not isinstance(instance, Page | PageViewRestriction | Channel | Site | BaseSiteSetting)
    ):
        return
    if isinstance(instance, BaseSiteSetting) and kwargs.get("created"):
        return  # made with its defaults on first reading: nothing shown changes
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: nothing cached under it can be read back
        cache.add(_GENERATION_KEY, _first_generation(), None)


def menu_entry(request: HttpRequest, home: Page, slug: str) -> Page | None:
    """The entry ``slug`` of the menu of the edition home ``home``, from the frame this
    request has already read for that edition (routing reads it first); ``None`` when it has
    read none, or the menu has no such entry (a section without articles is not listed)."""
    for (_site, code), frame in request.__dict__.get("_site_frames", {}).items():
        edition_home = frame.homes.get(code)
        if edition_home is not None and edition_home.pk == home.pk:
            return next((entry for entry in frame.sections if entry.slug == slug), None)
    return None


def site_frame(site: Site, language_code: str, request: HttpRequest | None = None) -> SiteFrame:
    """The channel, edition homes, section menu and footer links to the info pages of ``site``
    in one language: four queries the first time, none while the cache holds it; only the
    generation is read from the cache while this process holds the frame. With ``request``,
    that happens once per request (routing and the chrome share the frame)."""
    read = request.__dict__.setdefault("_site_frames", {}) if request is not None else {}
    if (site.pk, language_code) in read:
        return read[site.pk, language_code]
    key = f"chrome:frame:{_FRAME_FORMAT}:{frame_generation()}:{site.pk}:{language_code}"
    frame = _frames_read.get((site.pk, language_code))
    if frame is None or frame.key != key or time.time() - frame.built >= FRAME_SECONDS:
        frame = _read_frame(site, language_code, key)
        _frames_read[site.pk, language_code] = frame
    read[site.pk, language_code] = frame
    return frame


def _read_frame(site: Site, language_code: str, key: str) -> SiteFrame:
    """The frame under ``key`` from the cache, or built and cached there."""
    frame = cache.get(key)
    if frame is None:
        homes = {
            home.locale.language_code: home
            for home in Page.objects.filter(translation_key=site.root_page.translation_key)
            .live()
            .select_related("locale")
            .specific()
        }
        home = homes.get(language_code)
        frame = SiteFrame(
            channel=Channel.objects.for_site(site),
            homes=homes,
            sections=list(_menu[0](home)) if home and _menu else [],
            info_links=info_links(home),
            key=key,
            home_urls={
                code: (home.get_url(current_site=site), home.get_full_url())
                for code, home in homes.items()
            },
            built=time.time(),
        )
        cache.set(key, frame, FRAME_SECONDS)
    return frame


def find_site(request: HttpRequest) -> Site | None:
    """``Site.find_for_request`` without its query for the sites' own host names: the site is
    kept in the cache under the frame generation (a change of any site increments it). Other
    host names (answered by the default site) are looked up as Wagtail does, every time, so
    that made-up host names cannot fill the cache."""
    # Wagtail reads the host unchecked too: error pages for a disallowed host have a chrome.
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    if hasattr(request, "_wagtail_site"):
        site = Site.find_for_request(request)  # Wagtail's, kept on the request
    else:
        key = f"chrome:site:{frame_generation()}:{hostname}:{request.get_port()}"
        site = cache.get(key)
        if site is None:
            site = Site.find_for_request(request)
            if site is not None and site.hostname == hostname:
                cache.set(key, site, FRAME_SECONDS)
        request._wagtail_site = site  # type: ignore[attr-defined]  # where Wagtail keeps it
    if site is not None and site.hostname == hostname:
        page_files.mark_site(request, hostname)
    return site


@dataclass
class EditionLink:
    """One entry of the language switcher: ``translated`` is false when the page has no live
    translation in that language (the link then leads to a page saying so)."""

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
    info_links: list[InfoLink] = field(default_factory=list)
    current_section: int | None = None
    """The menu entry of the page (the section it is or belongs to), marked in the menu."""
    current_info_page: int | None = None
    """The page when it is one of the footer's info pages, marked in the footer."""
    page_url: str | None = None
    """The full URL of the page (or view) in this edition: its canonical address, shared."""
    frame: SiteFrame | None = None
    """The site frame the chrome was built from (``None`` on error pages of unknown hosts)."""

    def fragment(self, key: tuple, render: Callable[[], str]) -> SafeString:
        """The part of the chrome ``render`` makes, shown alike on every page of the edition
        that asks for the same ``key`` (the template and what the part varies with): rendered
        once per site frame and then kept with it (``SiteFrame.fragments``), so whatever
        retires the frame retires it; rendered every time without a frame."""
        if self.frame is None:
            return mark_safe(render())
        html = self.frame.fragments.get(key)
        if html is None:
            html = self.frame.fragments[key] = mark_safe(render())
        return html

    def url_of(self, page: Page, request: HttpRequest) -> str | None:
        """The address a reader reaches ``page`` at from this page, as Wagtail's ``get_url``
        gives it: from the edition homes' addresses for a page below one (no URL to reverse
        per page: cards, breadcrumbs), else Wagtail's."""
        if self.frame is not None:
            found = _below_a_home(self.frame, page.locale_id, page.url_path)
            if found is not None:
                return found[1]
        return page.get_url(request)

    def home_route(self, name: str, *args: object) -> str:
        """The address of one of the edition home's own routes (``name``: a topic's or an
        author's articles), from the home's address in the frame rather than asked of Wagtail
        for each link (as ``routablepageurl`` does)."""
        assert self.home is not None and self.frame is not None  # a home of the frame
        base = self.frame.home_urls[self.language.code][0]
        return base.rstrip("/") + "/" + self.home.reverse_subpage(name, args=args)

    @property
    def x_default(self) -> EditionLink | None:
        """The hreflang ``x-default`` alternate, for readers whose language has no edition:
        the English one where it exists, else the Vietnamese original (the same choice the
        root address makes, docs/adr/0007-english-for-unsupported-languages.md)."""
        by_code = {alternate.language.code: alternate for alternate in self.alternates}
        code = registry.default_edition(by_code)
        return by_code[code] if code else None


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
    site = find_site(request)
    if site is None:
        return Chrome(
            site=None,
            channel=None,
            language=language,
            home=None,
        )
    frame = site_frame(site, language.code, request)
    channel, homes, sections = frame.channel, frame.homes, frame.sections
    editions = channel.editions if channel else [registry.SOURCE_LANGUAGE]
    home = homes.get(language.code)
    targets: dict[str, tuple[str, str]] = {}  # language → (URL, full URL) of the page or view
    if view_urls is not None:
        targets = {
            code: (url, request.build_absolute_uri(url))
            for code, url in view_urls.items()
            if code in homes
        }
    elif page is not None:
        targets = _translation_urls(request, page, frame)
    switcher = []
    for code in editions:
        if code not in homes:
            continue
        if code in targets:
            url, translated = targets[code][0], True
        else:
            url, translated = _untranslated_url(page, home, frame.home_urls[code][0]), False
        switcher.append(
            EditionLink(registry.get(code), url, translated, current=code == language.code)
        )
    alternates = [
        EditionLink(registry.get(code), targets[code][1], True, False)
        for code in registry.CODES
        if code in targets and code in editions
    ]
    breadcrumbs = _breadcrumbs(page, home, sections)
    page_url: str | None
    if language.code in targets:
        page_url = targets[language.code][1]
    else:  # not live (a preview), or an error page
        page_url = page.get_full_url(request) if page is not None else None
    return Chrome(
        site=site,
        channel=channel,
        language=language,
        home=home,
        sections=sections,
        editions=switcher,
        alternates=alternates,
        breadcrumbs=breadcrumbs,
        info_links=frame.info_links,
        current_section=_current_section(page, breadcrumbs, sections),
        current_info_page=(
            page.pk
            if page is not None and any(link.page.pk == page.pk for link in frame.info_links)
            else None
        ),
        page_url=page_url,
        frame=frame,
    )


def _current_section(
    page: Page | None, breadcrumbs: list[Page], sections: list[Page]
) -> int | None:
    """The menu entry that is ``page`` or its parent, if any."""
    if page is None:
        return None
    candidates = {page.pk, *(crumb.pk for crumb in breadcrumbs[-1:])}
    return next((section.pk for section in sections if section.pk in candidates), None)


def _translation_urls(
    request: HttpRequest, page: Page, frame: SiteFrame
) -> dict[str, tuple[str, str]]:
    """The URL and full URL of ``page`` in each language it is live in. A translation under
    its edition's home (every one that readers reach) gets its address from that home's, kept
    in the frame, so only the translations' tree addresses are read; any other is read whole
    and asked."""
    if any(page.pk == home.pk for home in frame.homes.values()):
        return dict(frame.home_urls)
    targets = {}
    elsewhere = []
    for pk, locale_id, url_path in _live_translations(page):
        found = _below_a_home(frame, locale_id, url_path)
        if found is None:
            elsewhere.append(pk)
        else:
            code, url, full_url = found
            targets[code] = (url, full_url)
    if elsewhere:
        for other in Page.objects.filter(pk__in=elsewhere).select_related("locale"):
            code = other.locale.language_code
            targets[code] = (other.get_url(request), other.get_full_url(request))
    return targets


def _live_translations(page: Page) -> list[tuple[int, int, str]]:
    """The id, locale and tree address of each live translation of ``page``, itself
    included (what ``page.get_translations(inclusive=True).live()`` finds). Every reader page
    asks, so the SQL is written once per process (``cms.core.sql``)."""
    sql, key, live = _translations_sql()
    params = [
        key.get_db_prep_value(page.translation_key, connection),
        live.get_db_prep_value(True, connection),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.cache
def _translations_sql() -> tuple[str, Field, Field]:
    meta = Page._meta
    id_, locale, url_path, key, live = (
        meta.get_field(name) for name in ("id", "locale", "url_path", "translation_key", "live")
    )
    assert isinstance(key, Field) and isinstance(live, Field)
    sql = (
        f"SELECT {column(id_)}, {column(locale)}, {column(url_path)}"
        f" FROM {table(Page)}"
        f" WHERE {column(key)} = %s AND {column(live)} = %s"
    )
    return sql, key, live


def _below_a_home(frame: SiteFrame, locale_id: int, url_path: str) -> tuple[str, str, str] | None:
    """The language, URL and full URL of the page at ``url_path`` in the locale ``locale_id``
    when it lies below that edition's home, from the home's; ``None`` for any other page."""
    for code, home in frame.homes.items():
        if home.locale_id == locale_id and url_path.startswith(home.url_path):
            url, full_url = frame.home_urls[code]
            below = url_path[len(home.url_path) :]
            return code, url + below, full_url + below
    return None


def _untranslated_url(page: Page | None, home: Page | None, target_url: str) -> str:
    """Where the switcher sends a reader for a language ``page`` is not translated into: the
    page's own address in that edition when the page type answers it with a page saying the
    page is not available in that language (``missing_translation_page``, articles); for other
    pages and for views, that edition's home with a note."""
    if page is not None and home is not None and getattr(page, "missing_translation_page", False):
        within_edition = page.url_path.split("/", 2)[2]  # the path below the edition home
        return target_url + within_edition
    return target_url + "?from=untranslated"


def _breadcrumbs(page: Page | None, home: Page | None, sections: list[Page]) -> list[Page]:
    """The ancestors of ``page`` from its edition home down, taken from the menu where it holds
    them (no query for sections and articles)."""
    if (
        page is None
        or home is None
        or page.depth <= home.depth
        or not page.path.startswith(home.path)
    ):
        return []
    # The parent is remembered on the page (treebeard's cache) for templates asking for it.
    if page.depth == home.depth + 1:
        page._cached_parent_obj = home
        return [home]
    parent = next((s for s in sections if page.path.startswith(s.path)), None)
    if page.depth == home.depth + 2 and parent is not None:
        page._cached_parent_obj = parent
        return [home, parent]
    return list(page.get_ancestors().filter(depth__gte=home.depth))


# What Django's json_script escapes, so that the JSON cannot close or open an element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """``data`` as a JSON-LD script element, escaped for embedding in HTML."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
