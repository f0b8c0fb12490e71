"""Forms of the translation desk."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cms.translation.models import TranslationJob
from locales import registry
from sites import roles


def language_choices(codes=None) -> list[tuple[str, str]]:
    names = dict(registry.django_languages())
    return [(code, names.get(code, code)) for code in (codes or registry.TARGET_CODES)]


class SendForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Target languages"), widget=forms.CheckboxSelectMultiple, choices=language_choices
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=TranslationJob.Priority.choices,
        coerce=int,
        initial=TranslationJob.Priority.NORMAL,
    )
    note = forms.CharField(
        label=_("Note for the translators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    include_subtree = forms.BooleanField(label=_("Include every page below"), required=False)
    bilingual = forms.BooleanField(
        label=_("I write the editions I translate myself; they go out together with the source"),
        required=False,
    )

    def __init__(self, *args, latest: datetime.datetime | None = None, **kwargs) -> None:
        """``latest``: the latest deadline the pages' sites allow (their time limit), if any."""
        super().__init__(*args, **kwargs)
        self.latest = latest
        initial = timezone.now() + datetime.timedelta(days=2)
        if latest is not None:
            initial = min(initial, latest)
        self.fields["deadline"].initial = timezone.localtime(initial).replace(
            second=0, microsecond=0
        )

    def clean_deadline(self) -> datetime.datetime:
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        if self.latest is not None and deadline > self.latest:
            raise forms.ValidationError(
                _(
                    "This site publishes every edition soon after its source: choose a "
                    "deadline no later than %(latest)s."
                )
                % {
                    "latest": formats.date_format(
                        timezone.localtime(self.latest), "SHORT_DATETIME_FORMAT"
                    )
                }
            )
        return deadline


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(VersionForm):
    assignee = forms.ModelChoiceField(
        label=_("Translator"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["assignee"]).queryset = roles.members(
            roles.Role.TRANSLATORS, language=language
        ).order_by("username")


class ReturnForm(VersionForm):
    comment = forms.CharField(
        label=_("What needs changing"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ApproveForm(VersionForm):
    override_reason = forms.CharField(
        label=_("Reason for overriding the glossary check"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
