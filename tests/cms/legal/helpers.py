"""Helpers for the legal documents tests: the portal's database and documents in it."""

from __future__ import annotations

import datetime as dt

from wagtail.models import Locale

from cms.legal.models import (
    IssuingBody,
    LegalDocumentPage,
    LegalIndexPage,
    LegalRelation,
)
from sites.models import Channel


def database(language: str = "vi") -> LegalIndexPage:
    """The portal's legal documents database in the Vietnamese edition (created once)."""
    home = Channel.objects.get(slug="portal").home_page
    existing = LegalIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    index = LegalIndexPage(title="Cơ sở dữ liệu văn bản pháp luật", slug="van-ban-phap-luat")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def translated_database(index: LegalIndexPage, code: str) -> LegalIndexPage:
    """The database's edition in ``code`` (created with the edition's home)."""
    found = index.get_translation_or_none(Locale.objects.get(language_code=code))
    if found is not None:
        return found
    translation = index.copy_for_translation(Locale.objects.get(language_code=code))
    translation.title = f"Legal documents [{code}]"
    translation.save_revision().publish()
    return translation


def document(
    index: LegalIndexPage,
    number: str,
    *,
    issued: dt.date = dt.date(2020, 1, 10),
    effective: dt.date | None = None,
    expiry: dt.date | None = None,
    relations: tuple[tuple[str, LegalDocumentPage], ...] = (),
    publish: bool = True,
    **fields,
) -> LegalDocumentPage:
    """A Vietnamese document under ``index`` with its relations, published by default."""
    page = LegalDocumentPage(
        title=fields.pop("title", f"Quyết định {number}"),
        slug=fields.pop("slug", number.lower().replace("/", "-")),
        number_symbol=number,
        document_type=fields.pop("document_type", "decision"),
        issuing_body=IssuingBody.objects.get(code=fields.pop("issuer", "ubnd-thanh-pho")),
        signer=fields.pop("signer", "Nguyễn Văn An"),
        signer_title=fields.pop("signer_title", "Phó Chủ tịch"),
        date_issued=issued,
        date_effective=effective or issued + dt.timedelta(days=10),
        date_expiry=expiry,
        summary=fields.pop("summary", "Tóm tắt văn bản."),
        body=fields.pop("body", "<p>Điều 1. Phạm vi điều chỉnh.</p>"),
        live=False,
        **fields,
    )
    page.relations = [
        LegalRelation(kind=kind, target=target, sort_order=n)
        for n, (kind, target) in enumerate(relations)
    ]
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page
