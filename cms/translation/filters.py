"""Filters of the desk's admin listings (django-filter through Wagtail's ``WagtailFilterSet``):
jobs and queues, the lag report, translation memory and the glossary."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from wagtail.admin.filters import WagtailFilterSet

from cms.translation import permissions as perms
from cms.translation.forms import language_choices
from cms.translation.models import GlossaryTerm, MemoryEntry, TranslationJob
from locales import registry
from sites.models import Channel

OPEN = ""
ALL = "all"
ME = "me"
NOBODY = "none"


def _site_choices() -> list[tuple[str, str]]:
    return list(Channel.objects.active().order_by("name").values_list("slug", "name"))


class StatusFilter(django_filters.ChoiceFilter):
    """Open jobs unless told otherwise: ``all``, or one status."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=[(ALL, _("All")), *TranslationJob.Status.choices],
            empty_label=_("Open"),
            **kwargs,
        )

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs.open()
        if value == ALL:
            return qs
        return qs.filter(status=value)


class AssigneeFilter(django_filters.ChoiceFilter):
    """Me, nobody, or one of the people assigned to a job of the listing."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        if value == ME:
            return qs.filter(assignee=self.parent.request.user)
        if value == NOBODY:
            return qs.filter(assignee__isnull=True)
        return qs.filter(assignee_id=int(value))


class DueFilter(django_filters.ChoiceFilter):
    """Overdue, or due within a day or a week."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=[
                ("overdue", _("Overdue")),
                ("today", _("Within a day")),
                ("week", _("Within a week")),
            ],
            empty_label=_("Any time"),
            **kwargs,
        )

    def filter(self, qs, value):
        now = timezone.now()
        if value == "overdue":
            return qs.overdue(now)
        if value == "today":
            return qs.filter(deadline__lt=now + datetime.timedelta(days=1))
        if value == "week":
            return qs.filter(deadline__lt=now + datetime.timedelta(days=7))
        return qs


class QueueFilterSet(WagtailFilterSet):
    """One language's queue. Built with ``queryset``: the jobs the listing shows before
    filtering, whose assignees are the assignee filter's choices."""

    site = django_filters.ChoiceFilter(
        label=_("Site"), field_name="channel__slug", choices=_site_choices, empty_label=_("All")
    )
    status = StatusFilter(label=_("Status"))
    assignee = AssigneeFilter(label=_("Assignee"), empty_label=_("Anyone"))
    priority = django_filters.ChoiceFilter(
        label=_("Priority"), choices=TranslationJob.Priority.choices, empty_label=_("All")
    )
    due = DueFilter(label=_("Due"))

    class Meta:
        model = TranslationJob
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None) -> None:
        super().__init__(data, queryset, request=request, prefix=prefix)
        people = (
            get_user_model()
            .objects.filter(pk__in=self.queryset.exclude(assignee=None).values("assignee"))
            .order_by(get_user_model().USERNAME_FIELD)
        )
        self.filters["assignee"].extra["choices"] = lambda: [
            (ME, _("Me")),
            (NOBODY, _("Unassigned")),
            *((str(user.pk), user.get_username()) for user in people),
        ]


class JobFilterSet(QueueFilterSet):
    """Every job the user may see: the queue's filters and the language."""

    language = django_filters.ChoiceFilter(
        label=_("Language"),
        field_name="target_locale__language_code",
        choices=language_choices,
        empty_label=_("All"),
    )

    class Meta(QueueFilterSet.Meta):
        pass


class LagFilterSet(WagtailFilterSet):
    """The lag report: by site and language."""

    site = django_filters.ChoiceFilter(
        label=_("Site"), field_name="channel__slug", choices=_site_choices, empty_label=_("All")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        field_name="target_locale__language_code",
        choices=language_choices,
        empty_label=_("All"),
    )

    class Meta:
        model = TranslationJob
        fields: list[str] = []


def _reviewed_language_choices(request) -> list[tuple[str, str | Promise]]:
    reviewed = perms.reviewer_languages(request.user)
    return [(code, name) for code, name in language_choices() if code in reviewed]


class ReviewedLanguageFilterSet(WagtailFilterSet):
    """Memory and glossary rows: the target language, among those the user reviews."""

    target_language = django_filters.ChoiceFilter(label=_("Target language"), empty_label=_("All"))

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None) -> None:
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["target_language"].extra["choices"] = _reviewed_language_choices(request)


class MemoryFilterSet(ReviewedLanguageFilterSet):
    """Translation memory: by language pair and provenance."""

    source_language = django_filters.ChoiceFilter(
        label=_("Source language"),
        choices=lambda: language_choices(registry.CODES),
        empty_label=_("All"),
    )
    provenance = django_filters.ChoiceFilter(
        label=_("Provenance"), choices=MemoryEntry.Provenance.choices, empty_label=_("All")
    )

    class Meta:
        model = MemoryEntry
        fields = ["source_language", "target_language", "provenance"]


class GlossaryFilterSet(ReviewedLanguageFilterSet):
    """The glossary: by target language."""

    class Meta:
        model = GlossaryTerm
        fields = ["target_language"]
