"""Forms: subscribing, a subscriber's preferences, a row of an imported list, composing an
issue."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.bulletins.models import Issue, Subscriber
from locales import registry


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


class LanguagesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("Preferred languages"))
        kwargs.setdefault(
            "help_text", _("Issues are sent in the first of these; bilingual issues in both.")
        )
        super().__init__(
            choices=[(language.code, language.name_local) for language in registry.LANGUAGES],
            **kwargs,
        )


class SubscriberFields(forms.ModelForm):
    """The fields a subscriber gives (NFC, country in capitals)."""

    languages = LanguagesField()

    class Meta:
        model = Subscriber
        fields = ["name", "organisation", "organisation_type", "country", "languages"]

    def clean_name(self) -> str:
        return nfc(self.cleaned_data["name"])

    def clean_organisation(self) -> str:
        return nfc(self.cleaned_data["organisation"])

    def clean_country(self) -> str:
        return nfc(self.cleaned_data["country"]).upper()

    def clean_languages(self) -> list[str]:
        chosen = self.cleaned_data["languages"]
        return [code for code in registry.CODES if code in chosen]


class SubscribeForm(SubscriberFields):
    """The public subscription form; ``website`` is a field people do not see (bots fill it)."""

    email = forms.EmailField(label=_("E-mail address"))
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(SubscriberFields.Meta):
        fields = ["email", *SubscriberFields.Meta.fields]

    def clean_email(self) -> str:
        return nfc(self.cleaned_data["email"]).lower()


class PreferencesForm(SubscriberFields):
    """What a subscriber may change from the link in every issue."""


class ImportRowForm(SubscribeForm):
    """One row of an imported list, checked like the public form."""

    def __init__(self, data: dict, **kwargs) -> None:
        data = dict(data)
        data["languages"] = [
            code.strip().lower() for code in data.get("languages", "").replace(";", " ").split()
        ]
        data["country"] = data.get("country", "").strip().upper()
        super().__init__(data, **kwargs)


class IssueForm(forms.ModelForm):
    """The issue's number, date and layout; articles and editorials are separate fields the
    view adds."""

    class Meta:
        model = Issue
        fields = ["number", "date", "layout"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        issues = Issue.objects.filter(bulletin_id=self.instance.bulletin_id, number=number)
        if issues.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This bulletin already has an issue with this number."))
        return number
