"""What the legal documents' reader pages show, computed for their templates: the listing with
its filters (``browse``) and a document's record, status, timeline and translation notice
(``records``). Template tags rather than ``get_context`` keep the page models free of the
modules that query them."""

from __future__ import annotations

from django import template

from cms.legal import browse, records
from cms.legal.models import LegalDocumentPage, LegalIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def legal_listing(context: template.Context, index: LegalIndexPage) -> dict:
    """The documents of ``index`` the request's filters select, paginated, and the filters."""
    return browse.browse_context(index, context["request"])


@register.simple_tag(takes_context=True)
def legal_document(context: template.Context, page: LegalDocumentPage) -> dict:
    """The Vietnamese record of ``page`` as its edition shows it, and its translation notice."""
    return records.document_context(page, context["request"])
