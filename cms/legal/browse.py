"""Browsing a legal documents database: filter by type, issuing body, field of law, status and
year, newest first, paginated. Filters apply to the Vietnamese records (which own the
structured data); the list shows the reader's edition of each document that has one. A fixed
number of queries whatever the number of documents: the page, its count, and the three lists
the filters offer (bodies, fields, years)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cms.core.pagination import paginate
from cms.legal import status
from cms.legal.models import (
    DocumentType,
    IssuingBody,
    LegalDocumentPage,
    LegalField,
    LegalIndexPage,
)
from locales import registry

PAGE_SIZE = 20


@dataclass
class Filters:
    """The filters a reader chose, each checked against what exists (unknown values ignored)."""

    document_type: str = ""
    body: str = ""
    field: str = ""
    status: str = ""
    year: int | None = None

    @property
    def active(self) -> bool:
        return any((self.document_type, self.body, self.field, self.status, self.year))


def read_filters(request: HttpRequest, bodies: list[str], fields: list[str]) -> Filters:
    """The filters in ``request``'s query string; a value that names nothing is dropped."""
    query = request.GET
    year = query.get("year", "")
    return Filters(
        document_type=query.get("type", "") if query.get("type") in DocumentType.values else "",
        body=query.get("body", "") if query.get("body") in bodies else "",
        field=query.get("field", "") if query.get("field") in fields else "",
        status=query.get("status", "") if query.get("status") in status.Status.values else "",
        year=int(year) if year.isdigit() and 1945 <= int(year) <= 2100 else None,
    )


def matching_records(filters: Filters, today: datetime.date) -> QuerySet[LegalDocumentPage]:
    """The live Vietnamese records that pass ``filters``, with their status."""
    records = status.annotate(
        LegalDocumentPage.objects.live().filter(locale__language_code=registry.SOURCE_LANGUAGE),
        today,
    )
    if filters.document_type:
        records = records.filter(document_type=filters.document_type)
    if filters.body:
        records = records.filter(issuing_body__code=filters.body)
    if filters.field:
        records = records.filter(fields__code=filters.field)
    if filters.year:
        records = records.filter(date_issued__year=filters.year)
    if filters.status:
        records = records.filter(status=filters.status)
    return records


def documents(
    index: LegalIndexPage, filters: Filters, today: datetime.date
) -> QuerySet[LegalDocumentPage]:
    """The edition's documents under ``index`` whose records pass ``filters``, newest first."""
    keys = matching_records(filters, today).values("translation_key")
    return (
        status.annotate(
            LegalDocumentPage.objects.live().descendant_of(index).filter(translation_key__in=keys),
            today,
        )
        .select_related("issuing_body")
        .defer("body")
        .order_by("-date_issued", "-pk")
    )


def browse_context(index: LegalIndexPage, request: HttpRequest) -> dict:
    """The template context of the database's listing page."""
    today = timezone.localdate()
    bodies = list(IssuingBody.objects.all())
    fields = list(LegalField.objects.all())
    filters = read_filters(request, [b.code for b in bodies], [f.code for f in fields])
    years = [
        day.year
        for day in LegalDocumentPage.objects.live()
        .filter(locale__language_code=registry.SOURCE_LANGUAGE)
        .dates("date_issued", "year", order="DESC")
    ]
    page = paginate(request, documents(index, filters, today), PAGE_SIZE)
    labels = dict(status.Status.choices)
    for document in page.object_list:
        document.status_label = labels[document.status]
    return {
        "documents": page,
        "filters": filters,
        "document_types": DocumentType.choices,
        "bodies": bodies,
        "fields_of_law": fields,
        "statuses": status.Status.choices,
        "years": years,
    }
