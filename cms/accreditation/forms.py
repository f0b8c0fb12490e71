"""The public request form (with its honeypot and the press-card checks) and the press
office's reply form in the admin."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.accreditation import uploads
from cms.accreditation.models import AccreditationRequest
from cms.accreditation.workflow import NEXT
from cms.press.models import PressEventPage
from locales import registry
from locales.formatting import format_datetime
from sites.models import Channel

#: The honeypot: a field people do not see (hidden by CSS and from screen readers) and robots
#: fill in. Its name looks like one a robot wants to fill.
HONEYPOT = "website"
Status = AccreditationRequest.Status


def open_events(channel: Channel, language: str) -> QuerySet[PressEventPage]:
    """The channel's scheduled events in ``language`` whose accreditation is still open."""
    source = channel.home_page
    home = (
        Page.objects.filter(
            translation_key=source.translation_key, locale__language_code=language
        ).first()
        if source is not None
        else None
    )
    if home is None:
        return PressEventPage.objects.none()
    return (
        PressEventPage.objects.live()
        .descendant_of(home)
        .filter(
            status=PressEventPage.Status.SCHEDULED,
            accreditation_deadline__gt=timezone.now(),
        )
        .order_by("starts_at")
    )


class EventChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        when = format_datetime(obj.starts_at, get_language() or registry.SOURCE_LANGUAGE)
        return f"{obj.title} — {when}"


class RequestForm(forms.ModelForm):
    """What a journalist sends. Text is NFC-normalised by the request middleware; the file is
    checked and rewritten by :func:`uploads.clean_press_card`."""

    website = forms.CharField(required=False, label=_("Leave this field empty"))
    consent = forms.BooleanField(
        label=_("I have read how my personal data is kept and agree to it."),
        error_messages={"required": _("Please confirm that you agree to how your data is kept.")},
    )

    class Meta:
        model = AccreditationRequest
        fields = [
            "kind",
            "events",
            "name",
            "outlet",
            "country",
            "email",
            "phone",
            "press_card",
            "topics",
            "date_from",
            "date_to",
            "message",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "date_from": forms.DateInput(attrs={"type": "date"}),
            "date_to": forms.DateInput(attrs={"type": "date"}),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 5}),
            "press_card": forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
        }
        labels = {"kind": _("What do you need?")}
        error_messages = {"press_card": {"empty": _("The file is empty.")}}
        help_texts = {
            "press_card": _(
                "JPEG, PNG or PDF, at most 5 MB. Pictures are re-encoded without "
                "their metadata (such as location)."
            ),
            "topics": _("The events you want to attend, or the subjects you need information on."),
        }

    def __init__(self, *args, channel: Channel, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        events = open_events(channel, language)
        self.fields["events"] = EventChoiceField(
            events, required=False, widget=forms.CheckboxSelectMultiple, label=_("Events")
        )
        if not events.exists():
            del self.fields["events"]
        cast(forms.ChoiceField, self.fields["kind"]).choices = AccreditationRequest.Kind.choices
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.cleaned_press_card: uploads.CleanFile | None = None

    def is_robot(self) -> bool:
        """The honeypot was filled in (checked apart from validation: a robot gets a
        success page and nothing is stored)."""
        return bool(self.data.get(HONEYPOT))

    def clean_press_card(self):
        upload = self.cleaned_data.get("press_card")
        if upload:
            self.cleaned_press_card = uploads.clean_press_card(upload)
        return upload

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        if not cleaned.get("events") and not cleaned.get("topics") and "topics" not in self.errors:
            self.add_error("topics", _("Choose an event or name the subject of your request."))
        if cleaned.get("kind") == AccreditationRequest.Kind.ACCREDITATION and not (
            self.cleaned_press_card or self.errors.get("press_card")
        ):
            self.add_error("press_card", _("A press card is needed for an accreditation."))
        return cleaned

    def save(self, commit: bool = True) -> AccreditationRequest:
        instance = super().save(commit=False)
        instance.press_card = None
        card = self.cleaned_press_card
        if card is not None:
            instance.press_card_type = card.content_type
            name = f"card.{card.extension}"
            instance.press_card.save(name, ContentFile(card.content), save=False)
        if commit:
            instance.save()
            self.save_events(instance)
        return instance

    def save_events(self, instance: AccreditationRequest) -> None:
        """Link the chosen events by their Vietnamese source page, whichever edition the
        journalist read, so every edition's requests meet on one badge list."""
        chosen = self.cleaned_data.get("events") or []
        instance.events.set(
            PressEventPage.objects.filter(
                translation_key__in=[event.translation_key for event in chosen],
                locale__language_code=registry.SOURCE_LANGUAGE,
            )
        )


class ReplyForm(forms.Form):
    """A press officer's step: a new state (or none) and a message to the journalist."""

    status = forms.ChoiceField(label=_("New status"), required=False)
    message = forms.CharField(
        label=_("Message to the journalist"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args, request: AccreditationRequest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Keep the current status"))]
        choices += [(s, Status(s).label) for s in NEXT[request.status]]
        cast(forms.ChoiceField, self.fields["status"]).choices = choices

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        status, message = cleaned.get("status"), (cleaned.get("message") or "").strip()
        if not status and not message:
            raise forms.ValidationError(_("Choose a new status or write a message."))
        if status in (Status.INFORMATION_REQUESTED, Status.REFUSED) and not message:
            self.add_error("message", _("Say what is needed, or why the request is refused."))
        cleaned["message"] = message
        return cleaned
