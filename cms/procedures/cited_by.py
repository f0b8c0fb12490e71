"""Procedures that cite a legal document, for the legal documents database to list on the
document's page (registered with ``cms.legal.citations`` when the app is ready)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, ReferenceIndex

from cms.procedures.models import ProcedurePage


def citing_procedures(document: Page, locale: Locale) -> list[ProcedurePage]:
    """Live procedures whose legal basis chooses ``document``, in ``locale`` (registered with
    the legal documents database, which lists them on the document's page). Read from Wagtail's
    reference index: two queries."""
    kind = ContentType.objects.get_for_model(ProcedurePage)
    sources = ReferenceIndex.get_references_to(document).filter(content_type=kind)
    keys = Page.objects.filter(
        pk__in=[int(pk) for pk in sources.values_list("object_id", flat=True)]
    ).values("translation_key")
    return list(
        ProcedurePage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale=locale)
        .order_by("title")
    )
