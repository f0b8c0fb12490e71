"""The district's form (figures and narratives) and the department's return form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.reports.models import QuarterlyReport
from locales.text import nfc


class ReportForm(forms.ModelForm):
    """Figures may stay empty in a draft; submission checks them."""

    class Meta:
        model = QuarterlyReport
        fields = [*QuarterlyReport.FIGURES, *QuarterlyReport.NARRATIVES]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in QuarterlyReport.NARRATIVES}

    def clean(self):
        return nfc(super().clean())


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the report is returned.")},
    )

    def clean_reason(self) -> str:
        return nfc(self.cleaned_data["reason"]).strip()
