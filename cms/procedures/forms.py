"""The procedure editor's form: who may apply is chosen with check boxes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.procedures.choices import Applicant


class ProcedurePageForm(WagtailAdminPageForm):
    applicants = forms.MultipleChoiceField(
        label=_("who may apply"),
        choices=Applicant.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of applicant.")},
    )
