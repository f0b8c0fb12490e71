"""Forms of the editorial controls."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.editorial import reasons

#: The side doors (convert to alias, stop sync) still ask only for a written reason this long.
MIN_REASON_LENGTH = 15


class ForcePublishForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Why publish without approval"),
        choices=[("", "—"), *reasons.Category.choices],
        error_messages={"required": _("Choose the kind of reason.")},
    )
    reason = forms.CharField(
        label=_("Reason for publishing without approval"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "One sentence saying what could not wait for approval. Recorded in the page history "
            "and sent to oversight staff."
        ),
        error_messages={"required": _("Give the reason for publishing without approval.")},
    )

    def clean_reason(self) -> str:
        text = reasons.normalise(self.cleaned_data["reason"])
        found = reasons.problems(text)
        if found:
            raise forms.ValidationError(found)
        return text
