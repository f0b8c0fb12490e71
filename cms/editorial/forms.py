"""Forms of the editorial controls."""

from django import forms
from django.utils.translation import gettext_lazy as _

MIN_REASON_LENGTH = 15


class ForcePublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for publishing without approval"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=MIN_REASON_LENGTH,
        max_length=2000,
        help_text=_("Recorded in the page history and shown to oversight staff."),
        error_messages={
            "required": _("Give the reason for publishing without approval."),
            "min_length": _("Explain the reason in at least %(limit_value)d characters."),
        },
    )
