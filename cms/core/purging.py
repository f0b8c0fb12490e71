"""What readers' caches must forget when a page changes, and the one place that makes them.

Publication (every route: workflow approval, force publish, the scheduler, translation
publication) ends in Wagtail's ``page_published`` signal; unpublication (and expiry) in
``page_unpublished``; moves in ``post_page_move``; deletion in ``pre_delete``. The handlers here
collect the affected URLs and, once the transaction has committed, purge them through Wagtail's
frontend-cache mechanism (``wagtail.contrib.frontend_cache``: the backends configured in
``WAGTAILFRONTENDCACHE`` — the caching proxy and the application's page cache).

A purged URL stands for every query string of its path (a listing's pagination, the switcher's
``?from=untranslated``); a URL ending in ``*`` for its whole site (both backends agree on that).

The affected URLs of a page, in its edition: the page and its feeds (``get_cached_paths``); every
ancestor down from the edition home (the listings that show it, with their feeds and pages);
the site's sitemap; the page's translations in the other editions (their language switchers and
hreflang alternates link to it); and the listings registered by the content apps
(``register_listings``: the city portal's feeds carry every site). A page shown in the menu of
every page of its edition (an edition home or one of its children) purges its whole site, as
does a change of what every page of a site shows around its content: the site's settings (logo,
footer, contacts) and its channel (names, colours, editions).

Inside a bulk change (``cms.core.bulk``) a changed page purges its whole site instead, once, when
the change ends: thousands of pages moving between portals change most of both sites anyway.

A page made private or public again (a view restriction added, changed or removed) purges its
whole site: the page and everything under it, and the listings, feeds, sitemap and menus that
show or hide them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core import bulk
from cms.core.chrome import settings_made_on_first_reading
from cms.core.models import SiteSettings
from cms.core.page_cache import WHOLE_SITE
from sites.models import Channel

EDITION_HOME_DEPTH = 2
"""Every edition home (the site's root page and its translations) sits under the tree root."""

ListingQuery = Callable[[Page], Iterable[Page]]
_listings: list[ListingQuery] = []


def register_listings(query: ListingQuery) -> None:
    """``query(page)`` returns further pages whose listings or feeds show ``page``."""
    if query not in _listings:
        _listings.append(query)


def _site_root_url(page: Page, batch: PurgeBatch) -> str | None:
    parts = page.get_url_parts(request=batch)
    return parts[1] if parts else None


def _listings_of(parent: Page) -> Iterable[Page]:
    """``parent`` and its ancestors down from the edition home, live ones only."""
    return (
        Page.objects.ancestor_of(parent, inclusive=True)
        .filter(depth__gte=EDITION_HOME_DEPTH)
        .live()
        .specific(defer=True)
    )


def targets(page: Page, *, parent: Page | None = None) -> set[str]:
    """Every URL to purge when ``page`` changes at its current ``url_path``; ``parent``: the
    parent it is listed under, when not its current one (the place a move took it from)."""
    batch = PurgeBatch()
    root_url = _site_root_url(page, batch)
    if root_url is None:
        return set()
    if page.depth <= EDITION_HOME_DEPTH + 1:
        return {root_url + "/" + WHOLE_SITE}
    batch.add_page(page)
    batch.add_pages(_listings_of(parent or page.get_parent()))
    batch.add_pages(page.get_translations().live().specific(defer=True))
    for query in _listings:
        batch.add_pages(query(page))
    batch.add_url(root_url + "/sitemap.xml")
    return batch.urls


def whole_site(page: Page) -> set[str]:
    """The URL that stands for every page of ``page``'s site."""
    root_url = _site_root_url(page, PurgeBatch())
    return {root_url + "/" + WHOLE_SITE} if root_url else set()


def purge_on_commit(urls: set[str]) -> None:
    """Purge ``urls`` from every configured frontend cache once the transaction commits (a
    reader fetching in between would otherwise put the old page back)."""
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache_task.call(sorted(urls)))


def _in_bulk(*pages: Page) -> bool:
    """In a bulk change, collect the sites of ``pages`` for purging at its end (and say so)."""
    change = bulk.current()
    if change is None:
        return False
    change.collect(purge_on_commit, set().union(*(whole_site(page) for page in pages)))
    return True


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance: Page, **kwargs) -> None:
    if not _in_bulk(instance):
        purge_on_commit(targets(instance))


@receiver(post_page_move)
def page_moved(
    sender, instance: Page, url_path_before: str, parent_page_before: Page, **kwargs
) -> None:
    """The page at its new and its old address, under its new and its old parent; a page
    with descendants moves a whole subtree: its site is purged (old and new site)."""
    if _in_bulk(instance, parent_page_before):
        return
    before = copy.copy(instance)
    before.url_path = url_path_before
    urls = targets(instance) | targets(before, parent=parent_page_before)
    if instance.get_children_count():
        urls |= whole_site(instance) | whole_site(parent_page_before)
    purge_on_commit(urls)


@receiver(pre_delete)
def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) and instance.live and not _in_bulk(instance):
        purge_on_commit(targets(instance))


@receiver(post_save, sender=SiteSettings)
@receiver(post_save, sender=Channel)
def site_surroundings_changed(sender, instance: SiteSettings | Channel, **kwargs) -> None:
    unchanged = kwargs.get("raw") or settings_made_on_first_reading(
        instance, kwargs.get("created", False)
    )
    site = None if unchanged else instance.site
    if site is not None and not _in_bulk(site.root_page):
        purge_on_commit(whole_site(site.root_page))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def view_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and not _in_bulk(page):
        purge_on_commit(whole_site(page))
