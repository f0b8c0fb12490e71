"""Read-only reports of the desk, on Wagtail's ``ReportView``: the translation lag."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, Table, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.translation import permissions as perms
from cms.translation.filters import LagFilterSet
from cms.translation.models import TranslationJob


class LagTable(Table):
    """Translations published later than their site's limit are highlighted."""

    class Media:
        css = {"all": ["desk/listings.css"]}

    def get_row_classname(self, instance: TranslationJob) -> str:
        return "desk-overdue" if getattr(instance, "late", False) else ""


class LagColumn(Column):
    """How long the translation went out after its source, with a "Late" tag past the limit."""

    cell_template_name = "desk/tables/lag_cell.html"


def _lag(job: TranslationJob) -> str:
    return str(job.published_lag).split(".")[0]


class LagReportView(ReportView):
    """For oversight (and a site's editors and approvers, for their sites): how long each
    translation went out after its source, flagged when over the site's time limit
    (``Channel.translation_within_hours``)."""

    page_title = _("Translation lag")
    header_icon = "time"
    index_url_name = "desk:lag"
    index_results_url_name = "desk:lag_results"
    filterset_class = LagFilterSet
    table_class = LagTable
    default_ordering = "-updated_at"
    export_filename = "translation-lag"
    columns = [
        TitleColumn(
            "page",
            label=_("Page"),
            accessor="source_page.title",
            get_url=lambda job: reverse("desk:story", args=[job.source_page_id]),
            sort_key="source_page__title",
        ),
        Column("site", label=_("Site"), accessor="channel.name", sort_key="channel__name"),
        Column(
            "language",
            label=_("Language"),
            accessor="target_locale.language_code",
            sort_key="target_locale__language_code",
        ),
        LagColumn("lag", label=_("Lag behind the source"), sort_key="published_lag"),
        Column("limit", label=_("Limit (hours)")),
        DateColumn("updated_at", label=_("Published"), sort_key="updated_at"),
    ]
    list_export = [
        "page",
        "site",
        "target_locale.language_code",
        "lag",
        "limit",
        "late",
        "updated_at",
    ]
    export_headings = {
        "page": _("Page"),
        "site": _("Site"),
        "target_locale.language_code": _("Language"),
        "lag": _("Lag behind the source"),
        "limit": _("Limit (hours)"),
        "late": _("Late"),
        "updated_at": _("Published"),
    }

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_active or not (
            user.is_superuser or self.sees_every_site or perms.site_slugs(user)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def sees_every_site(self) -> bool:
        user = self.request.user
        return user.is_superuser or user.has_perm("editorial.view_oversight")

    def get_base_queryset(self):
        published = TranslationJob.objects.filter(
            status=TranslationJob.Status.PUBLISHED, published_lag__isnull=False
        ).select_related("source_page", "target_locale", "channel")
        if not self.sees_every_site:
            published = published.filter(channel__slug__in=perms.site_slugs(self.request.user))
        return published

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering, "-pk")

    def decorate_paginated_queryset(self, object_list):
        """Each row's limit (its site's ``translation_within_hours``) and lateness."""
        for job in object_list:  # the table iterates the same, now evaluated, queryset
            job.limit = job.channel.translation_within_hours if job.channel else None
            job.late = job.limit is not None and job.published_lag > datetime.timedelta(
                hours=job.limit
            )
            job.lag = _lag(job)
            job.page = job.source_page.title
            job.site = job.channel.name if job.channel else ""
        return object_list
