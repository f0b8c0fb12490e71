"""Legal documents as structured, translatable records.

A document is a Wagtail page (so its text goes through the translation desk like every page):
its number and symbol, type, issuing body, signer and dates, the Vietnamese original text and
summary (translated per edition), its original PDF files and its relations to other documents.
The structured part belongs to the Vietnamese record: relations, files, fields and topics are
entered on the Vietnamese page and read from it in every edition, so a translation that is not
yet synchronised never shows a reader an outdated legal status (see ``records``). Status is
never typed in: it is derived from the dates and the relations (``status``).

Issuing bodies and fields of law are reference data, named in every language with
django-modeltranslation (ADR 0001).
"""

from __future__ import annotations

import unicodedata
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.core.models import BasePage
from cms.legal import files, graph
from cms.news.models import RestrictionsReadOnce, Topic

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class IssuingBody(models.Model):
    """A body that issues legal documents (the People's Council, the People's Committee, …)."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects: ClassVar[models.Manager[IssuingBody]] = models.Manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")

    def __str__(self) -> str:
        return self.name


class LegalField(models.Model):
    """A field of law a document belongs to (entry and residence, investment, labour, …)."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects: ClassVar[models.Manager[LegalField]] = models.Manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("field of law")
        verbose_name_plural = _("fields of law")

    def __str__(self) -> str:
        return self.name


class DocumentType(models.TextChoices):
    """Kinds of legal document a city issues."""

    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    DIRECTIVE = "directive", _("Directive")
    PLAN = "plan", pgettext_lazy("legal document type", "Plan")
    REGULATION = "regulation", _("Regulation")
    OFFICIAL_LETTER = "official_letter", _("Official letter")
    INSTRUCTION = "instruction", _("Instruction")


class RelationKind(models.TextChoices):
    """How a document acts on an earlier one; each is shown both ways (``INVERSE_LABELS``)."""

    AMENDS = "amends", _("amends")
    REPLACES = "replaces", _("replaces")
    REPEALS = "repeals", _("repeals")
    GUIDES = "guides", _("guides")


INVERSE_LABELS = {
    RelationKind.AMENDS: _("amended by"),
    RelationKind.REPLACES: _("replaced by"),
    RelationKind.REPEALS: _("repealed by"),
    RelationKind.GUIDES: _("guided by"),
}


def normalise_number(value: str) -> str:
    """A number and symbol as stored and matched: NFC, no surrounding or doubled spaces."""
    return " ".join(unicodedata.normalize("NFC", value).split())


class LegalIndexPage(RestrictionsReadOnce, BasePage):
    """The legal documents database of a site: browse and filter (``browse``, through the
    template's ``legal_listing`` tag)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["news.DirectoryPage", "news.HomePage"]
    subpage_types = ["legal.LegalDocumentPage"]
    template = "legal/legal_index_page.html"

    class Meta:
        verbose_name = _("legal documents database")
        verbose_name_plural = _("legal documents databases")


class LegalDocumentPage(RestrictionsReadOnce, BasePage):
    """One legal document: its record, original text and summary, files and relations (shown
    through the template's ``legal_document`` tag, ``records``)."""

    number_symbol = models.CharField(
        _("number and symbol"),
        max_length=80,
        db_index=True,
        help_text=_("As printed on the document, for example 04/2013/QĐ-UBND"),
    )
    document_type = models.CharField(
        _("type"), max_length=32, choices=DocumentType.choices, db_index=True
    )
    issuing_body = models.ForeignKey(
        IssuingBody,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issuing body"),
    )
    signer = models.CharField(_("signer"), max_length=120)
    signer_title = models.CharField(_("signer's title"), max_length=160, blank=True)
    date_issued = models.DateField(_("date issued"), db_index=True)
    date_effective = models.DateField(_("date effective"))
    date_expiry = models.DateField(
        _("expiry"),
        null=True,
        blank=True,
        help_text=_("The first day the document no longer applies, when it says so itself"),
    )
    summary = models.TextField(_("summary"), max_length=2000)
    body = RichTextField(_("original text"), features=RICH_TEXT_FEATURES, blank=True)
    fields = ParentalManyToManyField(LegalField, blank=True, verbose_name=_("fields of law"))
    # Not "topics": reader search reads a page's ``topics`` as the news articles' topic links.
    subjects = ParentalManyToManyField(
        Topic, blank=True, related_name="+", verbose_name=_("topics")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("number_symbol"),
                FieldPanel("document_type"),
                FieldPanel("issuing_body"),
                FieldPanel("signer"),
                FieldPanel("signer_title"),
            ],
            heading=_("Record"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("date_issued"),
                FieldPanel("date_effective"),
                FieldPanel("date_expiry"),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("fields"),
        FieldPanel("subjects"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Original files (PDF)")),
        InlinePanel("relations", label=_("Relations to other documents")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("number_symbol"),
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    # The record is the Vietnamese page's: translators see only the text.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("signer_title"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("number_symbol"),
        SynchronizedField("document_type"),
        SynchronizedField("issuing_body"),
        SynchronizedField("signer"),
        SynchronizedField("date_issued"),
        SynchronizedField("date_effective"),
        SynchronizedField("date_expiry"),
    ]
    parent_page_types = ["legal.LegalIndexPage"]
    subpage_types: list[str] = []
    template = "legal/legal_document_page.html"

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")

    def clean(self) -> None:
        super().clean()
        self.number_symbol = normalise_number(self.number_symbol or "")
        errors: dict[str, list] = {}
        if self.date_issued and self.date_effective and self.date_effective < self.date_issued:
            errors.setdefault("date_effective", []).append(
                _("A document cannot take effect before the date it was issued.")
            )
        if self.date_expiry and self.date_effective and self.date_expiry <= self.date_effective:
            errors.setdefault("date_expiry", []).append(
                _("The expiry must come after the date the document takes effect.")
            )
        if self.number_symbol and self.locale_id:
            taken = (
                LegalDocumentPage.objects.filter(
                    locale_id=self.locale_id, number_symbol=self.number_symbol
                )
                .exclude(translation_key=self.translation_key)
                .exists()
            )
            if taken:
                errors.setdefault("number_symbol", []).append(
                    _("Another document already has the number and symbol %(number)s.")
                    % {"number": self.number_symbol}
                )
        relation_problems = self.relation_problems()
        if relation_problems:
            errors.setdefault("__all__", []).extend(relation_problems)
        if errors:
            raise ValidationError(errors)

    def relation_problems(self) -> list[str]:
        """What is wrong with this page's relations (in memory, as the form or the importer
        set them) against those already recorded between the edition's documents."""
        own = self.pk or 0
        new = [
            graph.Edge(own, relation.kind, relation.target_id)
            for relation in self.relations.all()
            if relation.target_id
        ]
        if not new:
            return []
        existing = [
            graph.Edge(*row)
            for row in LegalRelation.objects.filter(page__locale_id=self.locale_id)
            .exclude(page_id=own)
            .values_list("page_id", "kind", "target_id")
        ]
        issued: dict = {own: self.date_issued}
        names: dict = {own: self.number_symbol}
        for pk, date_issued, number in LegalDocumentPage.objects.filter(
            pk__in={edge.target for edge in new}
        ).values_list("pk", "date_issued", "number_symbol"):
            issued[pk], names[pk] = date_issued, number
        return graph.problems(new, existing, issued, names)


class LegalAttachment(Orderable):
    """An original file of a document (PDF), as signed and published by the issuing body."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("file"),
    )
    label = models.CharField(_("label"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("original file")
        verbose_name_plural = _("original files")

    def clean(self) -> None:
        super().clean()
        if self.document_id:
            files.check_pdf(self.document.file, self.document.file.name)


class LegalRelation(Orderable):
    """This document (``page``) amends, replaces, repeals or guides ``target``. Entered on the
    Vietnamese page; the target shows the inverse (amended by, …) without a row of its own."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("relation"), max_length=16, choices=RelationKind.choices)
    target = models.ForeignKey(
        LegalDocumentPage,
        on_delete=models.CASCADE,
        related_name="inverse_relations",
        verbose_name=_("document"),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Which articles, for example")
    )

    panels = [FieldPanel("kind"), FieldPanel("target"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "target"], name="legal_relation_once"),
        ]
