"""Two people editing the same page or snippet: a save based on a revision that is no longer the
latest is refused, and the editor is shown who saved what since, with the way to merge.

Wagtail's editor sends the revision it loaded (``loaded_revision_id`` and its creation time, or
``overwrite_revision_id`` once it has autosaved) and refuses a stale *autosave*; its own stale
form submission is only warned about in the browser and then overwrites the newer revision.
The ``before_edit_page`` / ``before_edit_snippet`` hooks here refuse it on the server with a
conflict page: their changes (Wagtail's revision comparison from the revision you loaded to
theirs), the latest version to re-apply yours to, or, deliberately, your version saved over
theirs (your form re-sent with :data:`CONFIRM_FIELD`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

#: Sent back with the editor's form to save over a newer revision on purpose; holds the id of
#: the revision the editor has seen and chooses to replace.
CONFIRM_FIELD = "overwrite_newer_revision_id"


def _loaded_is_stale(request: HttpRequest, latest: Revision) -> bool:
    """Wagtail's own rule for an out-of-date editor (its ``is_out_of_date``)."""
    if overwrite := request.POST.get("overwrite_revision_id"):
        return overwrite != str(latest.pk)
    loaded = request.POST.get("loaded_revision_id")
    if not loaded:
        return False
    if loaded != str(latest.pk):
        return True
    return request.POST.get("loaded_revision_created_at", "") != latest.created_at.isoformat()


def newer_revision(request: HttpRequest, latest: Revision | None) -> Revision | None:
    """The revision someone saved after this form was loaded, when the form is a save based on
    an older one (and not confirmed as overwriting it); None otherwise. Autosave requests (JSON)
    are left to Wagtail, which refuses them itself."""
    if request.method != "POST" or latest is None or not request.accepts("text/html"):
        return None
    if request.POST.get(CONFIRM_FIELD) == str(latest.pk):
        return None
    return latest if _loaded_is_stale(request, latest) else None


def _reposted_fields(request: HttpRequest) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
        for value in values
    ]


def conflict(
    request: HttpRequest,
    obj,
    latest: Revision,
    *,
    edit_url: str,
    compare_url: str | None,
) -> HttpResponse:
    """The refusal: 409 with who saved what since, and the ways on."""
    holder = latest.user
    values = {
        "title": str(obj),
        "user": (holder.get_full_name() or holder.get_username()) if holder else "—",
        "when": latest.created_at,
    }
    return TemplateResponse(
        request,
        "editorial/edit_conflict.html",
        {
            "object": obj,
            "values": values,
            "latest": latest,
            "edit_url": edit_url,
            "compare_url": compare_url,
            "fields": _reposted_fields(request),
            "confirm_field": CONFIRM_FIELD,
            "header_title": _("Not saved: someone else changed this in the meantime"),
        },
        status=409,
    )


def _loaded_revision_id(request: HttpRequest) -> str:
    loaded = request.POST.get("overwrite_revision_id") or request.POST.get("loaded_revision_id")
    return loaded if loaded and loaded.isdigit() else "earliest"


def page_conflict(request: HttpRequest, page: Page) -> HttpResponse | None:
    latest = newer_revision(request, page.get_latest_revision())
    if latest is None:
        return None
    return conflict(
        request,
        page,
        latest,
        edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
        compare_url=reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[page.pk, _loaded_revision_id(request), latest.pk],
        ),
    )


def snippet_conflict(request: HttpRequest, instance) -> HttpResponse | None:
    latest = newer_revision(request, getattr(instance, "latest_revision", None))
    if latest is None:
        return None
    viewset = instance.snippet_viewset
    return conflict(
        request,
        instance,
        latest,
        edit_url=reverse(viewset.get_url_name("edit"), args=[instance.pk]),
        compare_url=reverse(
            viewset.get_url_name("revisions_compare"),
            args=[instance.pk, _loaded_revision_id(request), latest.pk],
        ),
    )
