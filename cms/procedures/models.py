"""Procedure records and their directory.

A procedure is a page (one tree per edition, translated with wagtail-localize through the
translation desk like every page); the competent agency is reference data translated with
django-modeltranslation (ADR 0001). The code, field, agency, applicants, online service link,
review date and owner belong to the record, not to an edition: they are synchronised from the
Vietnamese source to every translation.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.core.models import BasePage
from cms.procedures import citations, directory
from cms.procedures.blocks import DossierItemBlock, LegalBasisBlock, StepBlock
from cms.procedures.choices import Applicant, Field
from cms.procedures.forms import ProcedurePageForm


class Agency(models.Model):
    """A competent agency: where a procedure is handled. Name, address and opening hours
    exist in every language (``cms/procedures/translation.py``)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    # Annotated because modeltranslation swaps in a subclass made at run time, which the type
    # checker cannot resolve.
    objects: ClassVar[models.Manager[Agency]] = models.Manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("competent agency")
        verbose_name_plural = _("competent agencies")

    def __str__(self) -> str:
        return self.name


class ProcedureIndexPage(BasePage):
    """The directory of procedures: filters by field, agency and who may apply; its search box
    asks the site's reader search for procedures only."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["news.DirectoryPage"]
    subpage_types = ["procedures.ProcedurePage"]
    template = "procedures/index_page.html"

    class Meta:
        verbose_name = _("procedure directory")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        procedures = ProcedurePage.objects.child_of(self).live().public()
        context["listing"] = directory.listing(request, procedures, Agency.objects.all())
        return context


class ProcedurePage(RoutablePageMixin, BasePage):
    """One administrative procedure for foreigners or foreign organisations."""

    code = models.CharField(
        _("code"), max_length=40, help_text=_("The code in the national procedure database")
    )
    field = models.CharField(_("field"), max_length=40, choices=Field.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    applicants = models.JSONField(_("who may apply"), default=list)
    summary = models.TextField(_("summary"), max_length=600)
    eligibility = models.TextField(_("conditions"), blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"))
    dossier = StreamField(
        [("item", DossierItemBlock())], blank=True, verbose_name=_("dossier components")
    )
    processing_time = models.CharField(_("processing time"), max_length=200)
    fees = models.TextField(_("fees"))
    legal_basis = StreamField(
        [("document", LegalBasisBlock())], blank=True, verbose_name=_("legal basis")
    )
    submission = models.TextField(_("where and how to submit"))
    online_service_url = models.URLField(_("online service"), blank=True)
    review_date = models.DateField(
        _("review date"), help_text=_("The owner is reminded to check the record by this date")
    )
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("review owner"),
        help_text=_("Reminded by e-mail before the review date"),
    )

    base_form_class = ProcedurePageForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("field"),
                FieldPanel("agency"),
                FieldPanel("applicants"),
                FieldPanel("eligibility"),
            ],
            heading=_("Record"),
        ),
        FieldPanel("summary"),
        FieldPanel("steps"),
        FieldPanel("dossier"),
        MultiFieldPanel(
            [FieldPanel("processing_time"), FieldPanel("fees")], heading=_("Time and fees")
        ),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [FieldPanel("submission"), FieldPanel("online_service_url")],
            heading=_("Submission"),
        ),
        MultiFieldPanel(
            [FieldPanel("review_date"), FieldPanel("review_owner")], heading=_("Review")
        ),
    ]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "code",
            "field",
            "agency",
            "applicants",
            "online_service_url",
            "review_date",
            "review_owner",
        )
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("summary"),
        index.FilterField("field"),
    ]
    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []
    template = "procedures/procedure_page.html"

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    @property
    def applicant_labels(self) -> list[str]:
        labels = dict(Applicant.choices)
        return [str(labels[code]) for code in self.applicants if code in labels]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["legal_basis"] = citations.legal_basis(self)
        return context

    @path("print/", name="print")
    def print_view(self, request: HttpRequest) -> TemplateResponse:
        """The record on paper: no navigation, every link written out."""
        return self.render(request, template="procedures/procedure_print.html")


class ReviewReminder(models.Model):
    """A review reminder sent: one per procedure, review date and threshold, so each threshold
    reminds once however often the scheduled task runs."""

    procedure = models.ForeignKey(ProcedurePage, on_delete=models.CASCADE, related_name="+")
    review_date = models.DateField()
    threshold = models.CharField(max_length=20)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "review_date", "threshold"],
                name="one_review_reminder_per_threshold",
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure_id} {self.review_date} {self.threshold}"
