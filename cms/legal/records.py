"""What a document page shows: the Vietnamese record (status, relations as a timeline, files,
fields, topics) in the reader's edition, and on a translation the notice that it is unofficial,
when it was made, from which version of the original, and whether that original has changed
since. A fixed number of queries whatever the number of relations and files."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageLogEntry
from wagtail_localize.models import Translation

from cms.core import freshness
from cms.legal import citations, status
from cms.legal.models import INVERSE_LABELS, LegalDocumentPage, LegalRelation, RelationKind
from locales import registry


@dataclass
class TimelineEntry:
    """A dated event in a document's life: issued, in effect, expiry, or a related document."""

    date: datetime.date
    label: str | Promise
    number: str = ""
    title: str = ""
    url: str | None = None
    status: str = ""
    status_label: str | Promise = ""
    note: str = ""
    current: bool = False
    language: str = ""  # set when the related document is shown in its Vietnamese original


@dataclass
class TranslationNotice:
    """Where a translation comes from: the date it was made (published) and the version of the
    Vietnamese original (its number and date), and whether the original has changed since."""

    translated_on: datetime.datetime | None
    source_version: int
    source_dated: datetime.datetime | None
    out_of_date: bool
    original_url: str | None


def source_of(page: LegalDocumentPage) -> LegalDocumentPage:
    """The Vietnamese record of ``page`` (``page`` itself in the Vietnamese edition), with its
    issuing body (one query, which also tells whether ``page`` is the original)."""
    return LegalDocumentPage.objects.select_related("issuing_body").get(
        translation_key=page.translation_key, locale__language_code=registry.SOURCE_LANGUAGE
    )


def _timeline(
    page: LegalDocumentPage,
    source: LegalDocumentPage,
    request: HttpRequest,
    statuses: dict[int, str],
) -> list[TimelineEntry]:
    """The document's own dates and its relations both ways, by date; fills ``statuses`` with
    the derived status of the document and of each related one (one query for all)."""
    rows = list(
        LegalRelation.objects.filter(Q(page=source) | Q(target=source))
        .filter(
            page__live=True,
            target__live=True,
            page__locale__language_code=registry.SOURCE_LANGUAGE,
        )
        .select_related("page", "target")
    )
    others = {row.target if row.page_id == source.pk else row.page for row in rows}
    statuses.update(
        status.annotate(
            LegalDocumentPage.objects.filter(pk__in=[source.pk, *(other.pk for other in others)]),
            timezone.localdate(),
        ).values_list("pk", "status")
    )
    localized = {
        other.translation_key: other
        for other in LegalDocumentPage.objects.live()
        .filter(
            translation_key__in=[other.translation_key for other in others],
            locale_id=page.locale_id,
        )
        .only("pk", "title", "url_path", "translation_key", "locale_id", "path", "depth")
    }
    labels = dict(status.Status.choices)
    entries = [
        TimelineEntry(source.date_issued, _("Issued"), source.number_symbol, current=True),
        TimelineEntry(source.date_effective, _("Takes effect"), source.number_symbol, current=True),
    ]
    if source.date_expiry:
        entries.append(
            TimelineEntry(source.date_expiry, _("Expires"), source.number_symbol, current=True)
        )
    for row in rows:
        outgoing = row.page_id == source.pk
        other = row.target if outgoing else row.page
        shown = localized.get(other.translation_key)
        other_status = statuses.get(other.pk, "")
        entries.append(
            TimelineEntry(
                date=other.date_issued if not outgoing else source.date_issued,
                label=RelationKind(row.kind).label
                if outgoing
                else INVERSE_LABELS[RelationKind(row.kind)],
                number=other.number_symbol,
                title=shown.title if shown else other.title,
                url=(shown or other).get_url(request),
                status=other_status,
                status_label=labels.get(other_status, ""),
                note=row.note,
                language="" if shown else registry.SOURCE_LANGUAGE,
            )
        )
    return sorted(entries, key=lambda entry: (entry.date, not entry.current))


def translation_notice(
    page: LegalDocumentPage, source: LegalDocumentPage, request: HttpRequest
) -> TranslationNotice:
    """The provenance of a translated document (three queries)."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source")
        .first()
    )
    source_dated = translation.source.last_updated_at if translation else None
    publications = PageLogEntry.objects.filter(page_id=source.pk, action="wagtail.publish")
    if source_dated is not None:
        publications = publications.filter(timestamp__lte=source_dated)
    return TranslationNotice(
        translated_on=page.last_published_at or page.latest_revision_created_at,
        source_version=max(publications.count(), 1),
        source_dated=source_dated,
        out_of_date=page.locale.language_code in freshness.out_of_date_languages(source),
        original_url=source.get_url(request) if source.live else None,
    )


def document_context(page: LegalDocumentPage, request: HttpRequest) -> dict:
    """The template context of a document page, in the reader's edition."""
    source = source_of(page)
    statuses: dict[int, str] = {}
    timeline = _timeline(page, source, request, statuses)
    current = statuses[source.pk]
    return {
        "record": source,
        "issuing_body": source.issuing_body,
        "status": current,
        "status_label": dict(status.Status.choices)[current],
        "timeline": timeline,
        "fields_of_law": list(source.fields.all()),
        "document_topics": list(source.subjects.all()),
        "attachments": list(source.attachments.select_related("document")),
        "citing_pages": citations.citing(source, page.locale),
        "notice": (None if page.pk == source.pk else translation_notice(page, source, request)),
    }
