"""The admin's batch import: a check first (every bad row listed with why, nothing saved), then
the import, as drafts that go through the site's workflow like any edit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from cms.legal import importer
from cms.legal.forms import ImportForm
from cms.legal.models import LegalIndexPage
from locales import registry


def importable_indexes(user):
    """The Vietnamese databases ``user`` may add documents to."""
    indexes = LegalIndexPage.objects.filter(locale__language_code=registry.SOURCE_LANGUAGE)
    allowed = [index.pk for index in indexes if index.permissions_for_user(user).can_add_subpage()]
    return LegalIndexPage.objects.filter(pk__in=allowed).order_by("path")


def import_documents(request: HttpRequest) -> HttpResponse:
    """GET: the form; POST: check the file, and import it when asked and it is clean."""
    indexes = importable_indexes(request.user)
    if not request.user.is_superuser and not indexes.exists():
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None, indexes=indexes)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["source_file"]
        apply = "import" in request.POST
        try:
            rows = importer.read_rows(upload.read(), upload.name)
        except importer.ImportFileError as exc:
            form.add_error("source_file", str(exc))
        else:
            attachments = {pdf.name: pdf for pdf in form.cleaned_data["pdfs"]}
            report = importer.Importer(
                form.cleaned_data["index"], attachments, user=request.user
            ).run(rows, dry_run=not apply)
            if report.applied:
                messages.success(
                    request,
                    _(
                        "Imported as drafts: %(created)s new, %(updated)s updated, "
                        "%(unchanged)s unchanged. Submit them for approval to publish."
                    )
                    % {
                        "created": len(report.created),
                        "updated": len(report.updated),
                        "unchanged": len(report.unchanged),
                    },
                )
    return TemplateResponse(
        request,
        "legal/admin/import.html",
        {"form": form, "report": report, "header_title": _("Import legal documents")},
    )
