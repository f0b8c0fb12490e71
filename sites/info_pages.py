"""Create the about, contact, privacy and accessibility pages of a site in every edition from
their starter text (``info_pages.yaml``), once: the site's editors own them afterwards, and
translations of later changes go through the translation workflow like any page."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import yaml
from django.utils.html import escape
from wagtail.models import Locale, Page

from cms.core.info_pages import KINDS, InfoPageKind
from cms.news.models import StandardPage
from cms.translation.prefill import aligned_stream, link_to_localize
from locales import registry
from locales.text import nfc
from sites.catalogue import SiteEntry

DATA = Path(__file__).with_name("info_pages.yaml")


@cache
def starter_texts() -> dict:
    """The starter text of every info page kind, per language (NFC)."""
    return nfc(yaml.safe_load(DATA.read_text("utf-8")))


def _body(blocks: list[dict], values: dict[str, str]) -> str:
    stream: list[dict[str, object]] = []
    for block in blocks:
        ((kind, text),) = block.items()
        text = text.format(**values)
        if kind == "paragraph":
            stream.append({"type": "paragraph", "value": f"<p>{escape(text)}</p>"})
        else:
            stream.append({"type": "heading", "value": {"text": text, "level": "h2"}})
    return json.dumps(stream, ensure_ascii=False)


def _content(entry: SiteEntry, kind: InfoPageKind, code: str) -> dict[str, str]:
    text = starter_texts()[kind.key][code]
    values = {"site": entry.names.get(code), "agency": entry.agency.get(code)}
    return {"title": text["title"], "body": _body(text["body"], values)}


def _publish(page: Page) -> None:
    page.save_revision(clean=False).publish(skip_permission_checks=True)


def ensure_info_pages(
    entry: SiteEntry, homes: dict[str, Page], locales: dict[str, Locale]
) -> list[str]:
    """Create whichever info pages of ``entry`` are missing (the source page under the
    Vietnamese home, then its translation in each edition); return what was created."""
    created = []
    source_home = homes[registry.SOURCE_LANGUAGE]
    existing = {page.slug: page for page in Page.objects.child_of(source_home)}
    for kind in KINDS:
        source = existing.get(kind.slug)
        if source is None:
            source = StandardPage(
                slug=kind.slug,
                locale=source_home.locale,
                **_content(entry, kind, registry.SOURCE_LANGUAGE),
            )
            source_home.add_child(instance=source)
            _publish(source)
            created.append(f"site '{entry.slug}' page '{kind.slug}' created")
        source = source.specific
        translated = set(source.get_translations().values_list("locale__language_code", flat=True))
        for code in entry.target_editions:
            if code in translated or code not in homes:
                continue
            # A new page in the edition's tree sharing the source's translation key is what
            # copy_for_translation makes, without copying the source's revisions first.
            translation = StandardPage(
                slug=source.slug,
                locale=locales[code],
                translation_key=source.translation_key,
                **_content(entry, kind, code),
            )
            translation.body = aligned_stream(source.body, translation.body)
            homes[code].add_child(instance=translation)
            _publish(translation)
            link_to_localize(source, translation)
            created.append(f"site '{entry.slug}' page '{kind.slug}' ({code}) created")
    return created
