"""The legal basis of a procedure as readers see it: each chosen record of the legal
documents database in the reader's edition (else in the language it exists in), each
citation as written."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from cms.legal.models import LegalDocumentPage


@dataclass(frozen=True)
class Citation:
    text: str
    #: A legal document page to link to, or None.
    document: LegalDocumentPage | None = None
    #: An outside link, for a citation the database does not hold.
    url: str = ""


def legal_basis(page) -> list[Citation]:
    """``page``'s legal basis, in order (one query for every chosen document)."""
    chosen = [block.value.get("document") for block in page.legal_basis]
    sources = {doc.translation_key: doc.locale_id for doc in chosen if doc is not None}
    found: dict[tuple, LegalDocumentPage] = {}
    if sources:
        wanted = Q(locale_id=page.locale_id) | Q(pk__in=[d.pk for d in chosen if d is not None])
        for doc in (
            LegalDocumentPage.objects.live()
            .public()
            .filter(wanted, translation_key__in=sources)
            .select_related("locale")
            .only(
                "title",
                "number_symbol",
                "url_path",
                "translation_key",
                "path",
                "locale__language_code",
            )
        ):
            found[(doc.translation_key, doc.locale_id)] = doc
    citations = []
    for block, doc in zip(page.legal_basis, chosen, strict=True):
        value = block.value
        shown = None
        if doc is not None:
            shown = found.get((doc.translation_key, page.locale_id)) or found.get(
                (doc.translation_key, doc.locale_id)
            )
        if shown is not None:
            text = value["citation"] or f"{shown.number_symbol} – {shown.title}"
            citations.append(Citation(text=text, document=shown))
        elif value["citation"]:
            citations.append(Citation(text=value["citation"], url=value["url"] or ""))
    return citations
