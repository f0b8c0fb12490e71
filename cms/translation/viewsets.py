"""The desk's admin listings on Wagtail's generic views: every job a user may see, one
language's queue, the translation memory and the glossary. Sorting, filtering, pagination,
CSV/XLSX export and the admin's look come from Wagtail; who sees which rows comes from
``cms.translation.permission_policies``."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import path, reverse
from django.utils.functional import Promise, cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, DateColumn, Table, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.translation import localize_adapter
from cms.translation import permissions as perms
from cms.translation.filters import GlossaryFilterSet, JobFilterSet, MemoryFilterSet, QueueFilterSet
from cms.translation.forms import GlossaryTermForm, language_choices
from cms.translation.models import GlossaryTerm, MemoryEntry, TranslationJob
from cms.translation.permission_policies import (
    ReviewedLanguagePolicy,
    glossary_policy,
    jobs_policy,
    memory_policy,
)
from locales import registry

# Ties broken the same way whichever column the listing is sorted by, so pages never overlap.
JOB_TIEBREAK = ("-priority", "pk")
EXCERPT = 160  # characters of a memory entry's texts shown in the listing


class JobTable(Table):
    """Jobs past their deadline are highlighted."""

    class Media:
        css = {"all": ["desk/listings.css"]}

    def get_row_classname(self, instance: TranslationJob) -> str:
        return "desk-overdue" if instance.is_overdue else ""


class DeadlineColumn(Column):
    """The deadline, with an "Overdue" tag when it has passed."""

    cell_template_name = "desk/tables/deadline_cell.html"


class JobIndexView(generic.IndexView):
    """Every job the user may see (``permissions.can_view_job``), open ones by default."""

    model = TranslationJob
    page_title = _("Translation jobs")
    header_icon = "globe"
    table_class = JobTable
    filterset_class = JobFilterSet
    paginate_by = 50
    default_ordering = "deadline"
    export_filename = "translation-jobs"
    show_language = True
    export_fields = {
        "page": (_("Page"), lambda job: job.source_page.title),
        "language": (_("Language"), lambda job: job.target_locale.language_code),
        "site": (_("Site"), lambda job: job.channel.name if job.channel else ""),
        "status": (_("Status"), lambda job: job.get_status_display()),
        "priority": (_("Priority"), lambda job: job.get_priority_display()),
        "deadline": (_("Deadline"), lambda job: job.deadline),
        "overdue": (_("Overdue"), lambda job: job.is_overdue),
        "assignee": (
            _("Assignee"),
            lambda job: job.assignee.get_username() if job.assignee else "",
        ),
        "progress": (_("Progress (%)"), lambda job: job.progress),
        "check_failures": (_("Failing checks"), lambda job: job.check_failures),
    }

    @property
    def list_export(self) -> list[str]:
        return [name for name in self.export_fields if self.show_language or name != "language"]

    @property
    def export_headings(self) -> dict:
        return {name: label for name, (label, _value) in self.export_fields.items()}

    def to_row_dict(self, item: TranslationJob) -> dict:
        return {name: self.export_fields[name][1](item) for name in self.list_export}

    @cached_property
    def columns(self) -> list[Column]:
        columns = [
            TitleColumn(
                "page",
                label=_("Page"),
                accessor="source_page.title",
                get_url=lambda job: reverse("desk:job", args=[job.pk]),
                sort_key="source_page__title",
            ),
            Column(
                "language",
                label=_("Language"),
                accessor="target_locale.language_code",
                sort_key="target_locale__language_code",
            ),
            Column("site", label=_("Site"), accessor="channel.name", sort_key="channel__name"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column(
                "priority",
                label=_("Priority"),
                accessor="get_priority_display",
                sort_key="priority",
            ),
            DeadlineColumn("deadline", label=_("Deadline"), sort_key="deadline"),
            Column(
                "assignee",
                label=_("Assignee"),
                accessor="assignee.get_username",
                sort_key="assignee__username",
            ),
            Column(
                "progress",
                label=_("Progress"),
                accessor=lambda job: f"{job.progress}%",
                sort_key="progress",
            ),
            Column(
                "check_failures",
                label=_("Failing checks"),
                accessor="check_failures",
                sort_key="check_failures",
            ),
        ]
        return [c for c in columns if self.show_language or c.name != "language"]

    def get_base_queryset(self):
        return jobs_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("source_page", "target_locale", "assignee", "channel")

    def get_filterset_kwargs(self) -> dict:
        return {**super().get_filterset_kwargs(), "queryset": self.get_base_queryset()}

    def order_queryset(self, queryset):
        ordering = self.ordering
        return queryset.order_by(ordering, *(key for key in JOB_TIEBREAK if key != ordering))


class QueueView(JobIndexView):
    """One language's queue: the translators' and reviewers' working list."""

    filterset_class = QueueFilterSet
    show_language = False
    index_url_name = "desk:queue"
    index_results_url_name = "desk:queue_results"

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        self.language = kwargs["language"]

    def dispatch(self, request, *args, **kwargs):
        if self.language not in registry.TARGET_CODES:
            raise Http404
        if not request.user.is_active or self.language not in perms.desk_languages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("Translation queue: %(language)s") % {
            "language": dict(language_choices())[self.language]
        }

    def get_filename(self) -> str:
        return f"translation-queue-{self.language}"

    def get_index_url(self) -> str:
        return reverse(self.index_url_name, args=[self.language])

    def get_index_results_url(self) -> str:
        return reverse(self.index_results_url_name, args=[self.language])

    def get_base_queryset(self):
        return super().get_base_queryset().for_language(self.language)


class DeskViewSet(ModelViewSet):
    """A desk listing: its own permission policy (registered in ``wagtail_hooks``), so no
    Django model permissions to offer in the group editor, no reference index, no copies."""

    add_to_admin_menu = False
    add_to_reference_index = False
    copy_view_enabled = False
    list_per_page = 50
    views: tuple[str, ...] = ("index",)

    def get_permissions_to_register(self):
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs) -> dict:
        # views this viewset does not offer have no URL to link to
        names = {"add": "add_url_name", "edit": "edit_url_name", "delete": "delete_url_name"}
        unused = {name: None for view, name in names.items() if view not in self.views}
        return super().get_common_view_kwargs(
            history_url_name=None, usage_url_name=None, **unused, **kwargs
        )

    def get_urlpatterns(self) -> list:
        conv = self.pk_path_converter
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
        if "add" in self.views:
            patterns.append(path("new/", self.add_view, name="add"))
        if "edit" in self.views:
            patterns.append(path(f"edit/<{conv}:pk>/", self.edit_view, name="edit"))
        if "delete" in self.views:
            patterns.append(path(f"delete/<{conv}:pk>/", self.delete_view, name="delete"))
        return patterns


class JobViewSet(DeskViewSet):
    model = TranslationJob
    name = "desk_jobs"
    url_prefix = "desk/jobs"
    icon = "globe"
    index_view_class = JobIndexView
    filterset_class = JobFilterSet
    export_filename = "translation-jobs"


class InstancePermissionMixin:
    """Edit and delete only the rows the policy gives the user (another language's row is
    refused, not just hidden). Mixed into the edit and the delete view, which provide these."""

    permission_policy: ReviewedLanguagePolicy
    permission_required: str
    request: HttpRequest

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)  # type: ignore[misc]  # from the view
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, instance
        ):
            raise PermissionDenied
        return instance


class RowTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The first column of a row, linked to its edit view, with the row's actions (edit,
    delete) beside it."""

    def __init__(self, *args, view: generic.IndexView, **kwargs) -> None:
        super().__init__(*args, get_url=view.get_edit_url, **kwargs)
        self.view = view

    def get_buttons(self, instance, parent_context) -> list:
        return self.view.get_list_buttons(instance)


class ReviewedIndexView(generic.IndexView):
    """Memory and glossary listings: the rows of the languages the user reviews, with the
    TMX/TBX exchange in the header."""

    policy: ReviewedLanguagePolicy
    exchange_kind = ""
    exchange_export = ""
    export_label: str | Promise = ""
    import_label: str | Promise = ""

    @cached_property
    def columns(self) -> list[Column]:
        first, *rest = self.list_display
        title = RowTitleColumn(
            first.name,
            label=first.label,
            accessor=first.accessor,
            sort_key=first.sort_key,
            view=self,
        )
        return [title, *rest]

    def get_base_queryset(self):
        return self.policy.instances_user_has_permission_for(self.request.user, "view")

    @cached_property
    def header_buttons(self) -> list:
        return [
            *super().header_buttons,
            localize_adapter.header_button(
                self.export_label, url=reverse(f"desk:{self.exchange_export}"), icon_name="download"
            ),
            localize_adapter.header_button(
                self.import_label,
                url=reverse("desk:import", args=[self.exchange_kind]),
                icon_name="upload",
            ),
        ]


def _excerpt(text: str) -> str:
    return Truncator(text).chars(EXCERPT)


class MemoryIndexView(ReviewedIndexView):
    policy = memory_policy
    page_title = _("Translation memory")
    exchange_kind = "tmx"
    exchange_export = "memory_export"
    export_label = _("Export translation memory (TMX)")
    import_label = _("Import translation memory (TMX)")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("translator", "channel")


class MemoryDeleteView(InstancePermissionMixin, generic.DeleteView):
    """Deleting goes through ``MemoryEntry.delete``, whose signal takes the entry out of the
    fuzzy index (``memory.forget_indexes``)."""


class MemoryViewSet(DeskViewSet):
    model = MemoryEntry
    name = "desk_memory"
    url_prefix = "desk/memory"
    icon = "doc-full"
    views = ("delete",)
    index_view_class = MemoryIndexView
    delete_view_class = MemoryDeleteView
    filterset_class = MemoryFilterSet
    search_fields = ["source_text", "target_text"]
    search_backend_name = None
    ordering = "-created_at"
    list_display = [
        Column(
            "source_text",
            label=_("Source"),
            accessor=lambda entry: _excerpt(entry.source_text),
            sort_key="source_text",
        ),
        Column(
            "target_text",
            label=_("Translation"),
            accessor=lambda entry: _excerpt(entry.target_text),
            sort_key="target_text",
        ),
        Column(
            "pair",
            label=_("Languages"),
            accessor=lambda entry: f"{entry.source_language} → {entry.target_language}",
            sort_key="target_language",
        ),
        Column(
            "provenance",
            label=_("Provenance"),
            accessor="get_provenance_display",
            sort_key="provenance",
        ),
        Column("translator", label=_("Translator"), accessor="translator.get_username"),
        Column("site", label=_("Site"), accessor="channel.name"),
        DateColumn("created_at", label=_("Date"), sort_key="created_at"),
    ]
    list_export = [
        "source_language",
        "target_language",
        "source_text",
        "target_text",
        "get_provenance_display",
        "tool_name",
        "created_at",
    ]
    export_headings = {
        "source_language": _("Source language"),
        "target_language": _("Target language"),
        "source_text": _("Source"),
        "target_text": _("Translation"),
        "get_provenance_display": _("Provenance"),
        "tool_name": _("Tool"),
        "created_at": _("Date"),
    }
    export_filename = "translation-memory"


class GlossaryIndexView(ReviewedIndexView):
    policy = glossary_policy
    exchange_kind = "tbx"
    exchange_export = "glossary_export"
    export_label = _("Export glossary (TBX)")
    import_label = _("Import glossary (TBX)")


class GlossaryCreateView(generic.CreateView):
    """New terms are folded by ``GlossaryTerm.save``, as imported ones are."""


class GlossaryEditView(InstancePermissionMixin, generic.EditView):
    """Another language's term is refused."""


class GlossaryDeleteView(InstancePermissionMixin, generic.DeleteView):
    """Another language's term is refused."""


def _renderings(values: list[str]) -> str:
    return " / ".join(values)


class GlossaryViewSet(DeskViewSet):
    model = GlossaryTerm
    name = "desk_glossary"
    url_prefix = "desk/glossary"
    icon = "list-ul"
    views = ("add", "edit", "delete")
    index_view_class = GlossaryIndexView
    add_view_class = GlossaryCreateView
    edit_view_class = GlossaryEditView
    delete_view_class = GlossaryDeleteView
    filterset_class = GlossaryFilterSet
    search_fields = ["source_term", "note"]
    search_backend_name = None
    ordering = "source_term"
    list_display = [
        Column("source_term", label=_("Source term"), sort_key="source_term"),
        Column("target_language", label=_("Target language"), sort_key="target_language"),
        Column(
            "required",
            label=_("Required renderings"),
            accessor=lambda term: _renderings(term.required),
        ),
        Column(
            "forbidden",
            label=_("Forbidden renderings"),
            accessor=lambda term: _renderings(term.forbidden),
        ),
    ]
    list_export = [
        "source_language",
        "target_language",
        "source_term",
        "required",
        "forbidden",
        "note",
    ]
    export_headings = {
        "source_language": _("Source language"),
        "target_language": _("Target language"),
        "source_term": _("Source term"),
        "required": _("Required renderings"),
        "forbidden": _("Forbidden renderings"),
        "note": _("Note"),
    }
    export_filename = "glossary"

    def get_form_class(self, for_update: bool = False):
        return GlossaryTermForm
