"""Admin forms: the period of a digest."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.monitoring.models import Digest

LONGEST_PERIOD = datetime.timedelta(days=366)


class DigestForm(WagtailAdminModelForm):
    class Meta:
        model = Digest
        fields = ["period_start", "period_end"]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period must end on or after its first day."))
            if end - start > LONGEST_PERIOD:
                raise forms.ValidationError(_("A digest covers at most one year."))
        return data
