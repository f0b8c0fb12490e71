"""Forms of the translation desk."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.translation import permissions as perms
from cms.translation.glossary import fold
from cms.translation.models import GlossaryTerm, TranslationJob
from locales import registry
from sites import roles


def language_choices(codes=None) -> list[tuple[str, str | Promise]]:
    """Target languages as choices, each named in the viewer's language."""
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


class RenderingsField(forms.CharField):
    """A list of renderings, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:  # type: ignore[override]  # a list, not a str
        lines = (line.strip() for line in (super().to_python(value) or "").splitlines())
        return [line for line in lines if line]


class GlossaryTermForm(WagtailAdminModelForm):
    """A glossary term of a language the user reviews. The folded key (``source_key``) is
    set by ``GlossaryTerm.save``; a term whose folded form is already in the glossary for that
    language is refused, as the import would have replaced it."""

    required = RenderingsField(
        label=_("Required renderings"), help_text=_("One per line; at least one.")
    )
    forbidden = RenderingsField(
        label=_("Forbidden renderings"), required=False, help_text=_("One per line.")
    )

    class Meta:
        model = GlossaryTerm
        fields = ["target_language", "source_term", "required", "forbidden", "note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        reviewed = perms.reviewer_languages(self.for_user) if self.for_user else set()
        self.fields["target_language"] = forms.ChoiceField(
            label=_("Target language"),
            choices=[(code, name) for code, name in language_choices() if code in reviewed],
        )

    def clean_required(self) -> list[str]:
        required = self.cleaned_data["required"]
        if not required:
            raise forms.ValidationError(_("Give at least one required rendering."))
        return required

    def clean(self) -> dict:
        data = super().clean()
        language, term = data.get("target_language"), data.get("source_term")
        if language and term:
            duplicate = GlossaryTerm.objects.filter(
                source_language=self.instance.source_language,
                target_language=language,
                source_key=fold(term),
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error(
                    "source_term", _("This term is already in the glossary for this language.")
                )
        return data
