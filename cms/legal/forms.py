"""The admin's import form: the database to import into, the CSV or JSON file and its PDFs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.legal.importer import MAX_IMPORT_BYTES
from cms.legal.models import LegalIndexPage


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the PDFs a data file names)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    """Check (and then import) a batch of legal documents."""

    index = forms.ModelChoiceField(
        queryset=LegalIndexPage.objects.none(), label=_("Database"), empty_label=None
    )
    source_file = forms.FileField(
        label=_("Documents (CSV or JSON)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json"}),
    )
    pdfs = MultipleFileField(
        label=_("Original files (PDF)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, indexes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["index"].queryset = indexes  # type: ignore[attr-defined]

    def clean_source_file(self):
        data = self.cleaned_data["source_file"]
        if data.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": MAX_IMPORT_BYTES // 2**20}
            )
        return data
