"""The pages every site has in every edition, linked from the footer: about, contact, privacy
and accessibility statement. Provisioning creates them (``sites.info_pages``) as plain pages
under each edition home, with these slugs in the Vietnamese source tree; a translation may
change its own slug and is still found through its source page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from wagtail.models import Page

from locales import registry


@dataclass(frozen=True)
class InfoPageKind:
    key: str
    slug: str


KINDS: tuple[InfoPageKind, ...] = (
    InfoPageKind("about", "gioi-thieu"),
    InfoPageKind("contact", "lien-he"),
    InfoPageKind("privacy", "chinh-sach-quyen-rieng-tu"),
    InfoPageKind("accessibility", "tuyen-bo-tiep-can"),
)
BY_SLUG = {kind.slug: kind for kind in KINDS}


@dataclass(frozen=True)
class InfoLink:
    kind: InfoPageKind
    page: Page


def info_links(home: Page | None) -> list[InfoLink]:
    """The live info pages of the edition whose home is ``home``, in footer order (one
    query): each found through the slug of its Vietnamese source page. Built with a site's
    frame (after every publication), so read through indexes whatever the archive's size:
    the pages are picked out by the translation keys of the pages with those slugs, and
    each one's source among them (asked for as the home's children alone, SQLite read the
    whole tree: it cannot use the path's index for a prefix match)."""
    if home is None:
        return []
    sources = Page.objects.filter(slug__in=list(BY_SLUG), depth=home.depth + 1)
    source_slug = Subquery(
        sources.filter(
            translation_key=OuterRef("translation_key"),
            locale__language_code=registry.SOURCE_LANGUAGE,
        ).values("slug")[:1]
    )
    pages = (
        Page.objects.child_of(home)
        .filter(translation_key__in=sources.values("translation_key"))
        .live()
        .public()
        .annotate(source_slug=source_slug)
        .filter(source_slug__isnull=False)
        .order_by()
    )
    found = {page.source_slug: page for page in pages}
    return [InfoLink(kind, found[kind.slug]) for kind in KINDS if kind.slug in found]


def kind_of(page: Page, links: list[InfoLink]) -> str:
    """The key of ``page`` among ``links`` ("contact", …), or an empty string."""
    return next((link.kind.key for link in links if link.page.pk == page.pk), "")
