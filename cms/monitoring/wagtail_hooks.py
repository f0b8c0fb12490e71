"""The monitoring desk in the admin ("Foreign press"): the clipping queue, the feeds with
their last outcome and errors, the keyword rules, and the digests. Office staff only
(``cms.monitoring.permissions``)."""

from __future__ import annotations

from django.db import models
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from cms.monitoring import digest, views
from cms.monitoring.forms import DigestForm
from cms.monitoring.models import Clipping, Digest, KeywordRule, Source
from cms.monitoring.permissions import OfficePolicy


class SourceViewSet(ModelViewSet):
    model = Source
    icon = "rss"
    menu_label = _("Monitored feeds")
    list_display = ["name", "url", "language", "last_outcome", "last_fetched_at", "last_error"]
    list_filter = ["active", "last_outcome"]
    search_fields = ["name", "url"]
    form_fields = ["name", "url", "language", "country", "active", "interval_minutes"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "url",
        "language",
        "active",
        "interval_minutes",
        "last_fetched_at",
        "next_fetch_at",
        "last_outcome",
        "consecutive_errors",
        "last_error",
    ]
    copy_view_enabled = False

    def formfield_for_dbfield(self, db_field, **kwargs):
        """A feed address typed without a scheme is taken as https."""
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, **kwargs)


class KeywordRuleViewSet(ModelViewSet):
    model = KeywordRule
    icon = "search"
    menu_label = _("Keyword rules")
    list_display = ["phrase", "active"]
    search_fields = ["phrase"]
    form_fields = ["phrase", "active"]
    copy_view_enabled = False


class ClippingEditView(EditView):
    """Records who last worked the clipping, and who wrote the summary when it changed."""

    def save_instance(self):
        clipping = self.form.instance
        if "summary_vi" in self.form.changed_data:
            user = self.request.user
            clipping.summary_provenance = user.get_full_name() or user.get_username()
        clipping.updated_by = self.request.user
        return super().save_instance()


class ClippingViewSet(ModelViewSet):
    model = Clipping
    icon = "doc-full"
    menu_label = _("Clipping queue")
    list_display = ["title", "source", "published_at", "status", "tone", "topic", "matched"]
    list_filter = ["status", "tone", "topic", "source"]
    search_fields = ["title", "excerpt", "summary_vi"]
    edit_view_class = ClippingEditView
    edit_template_name = "monitoring/clipping_edit.html"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "url",
        "source",
        "language",
        "published_at",
        "matched",
        "excerpt",
        "status",
        "topic",
        "tone",
        "summary_vi",
        "summary_provenance",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title", read_only=True),
                FieldPanel("url", read_only=True),
                FieldPanel("published_at", read_only=True),
                FieldPanel("matched", read_only=True),
                FieldPanel("excerpt", read_only=True),
            ],
            heading=_("As published"),
        ),
        FieldPanel("status"),
        FieldPanel("topic"),
        FieldPanel("tone"),
        FieldPanel("summary_vi"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("machine-draft/<int:pk>/", views.machine_draft, name="machine_draft"),
        ]


class DigestCreateView(CreateView):
    """Makes the digest of the chosen period (PDF and DOCX) instead of saving the form."""

    def save_instance(self):
        data = self.form.cleaned_data
        return digest.make(data["period_start"], data["period_end"])


class DigestViewSet(ModelViewSet):
    model = Digest
    icon = "doc-full-inverse"
    menu_label = _("Digests")
    list_display = ["__str__", "clippings", "created_at"]
    edit_handler = ObjectList(
        [FieldPanel("period_start"), FieldPanel("period_end")], base_form_class=DigestForm
    )
    add_view_class = DigestCreateView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["period_start", "period_end", "clippings", "created_at"]
    inspect_template_name = "monitoring/digest_inspect.html"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("download/<int:pk>/<str:kind>/", views.download, name="download"),
        ]


for _model in (Source, KeywordRule, Clipping, Digest):
    register_permission_policy(_model, OfficePolicy(_model))


class MonitoringGroup(ModelViewSetGroup):
    menu_label = _("Foreign press")
    menu_icon = "globe"
    menu_order = 260
    items = (
        ClippingViewSet("monitoring_clippings"),
        DigestViewSet("monitoring_digests"),
        SourceViewSet("monitoring_sources"),
        KeywordRuleViewSet("monitoring_rules"),
    )


@hooks.register("register_admin_viewset")
def register_monitoring():
    return MonitoringGroup()
