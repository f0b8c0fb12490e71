"""The subtitle cue block: a start and an end time, kept in every edition as the source has
them, and the text, which translators translate like any other string of the page."""

from __future__ import annotations

from django.forms.utils import ErrorList
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.broadcast import webvtt

TIME_HELP = _("As in a subtitle file: minutes:seconds.milliseconds, e.g. 01:02.500")


class CueBlock(blocks.StructBlock):
    """One subtitle cue. The times are regex blocks, not text, so that translation leaves
    them alone."""

    start = blocks.RegexBlock(
        webvtt.TIMESTAMP_RE.pattern, label=_("Starts at"), help_text=TIME_HELP
    )
    end = blocks.RegexBlock(webvtt.TIMESTAMP_RE.pattern, label=_("Ends at"), help_text=TIME_HELP)
    text = blocks.TextBlock(label=_("Text"), rows=2)

    class Meta:
        icon = "openquote"
        label = _("Subtitle")
        form_classname = "struct-block cue-block"

    def clean(self, value):
        value = super().clean(value)
        if webvtt.parse_timestamp(value["end"]) <= webvtt.parse_timestamp(value["start"]):
            raise blocks.StructBlockValidationError(
                block_errors={"end": ErrorList([gettext("A subtitle must end after it starts.")])}
            )
        return value


class CueStreamBlock(blocks.StreamBlock):
    """The subtitles of one edition of an episode, in order."""

    cue = CueBlock()
