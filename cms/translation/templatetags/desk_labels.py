"""Words for the desk's codes, in the viewer's language: a language's name for its code, and
a job event's description for its action."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext, gettext_lazy

from cms.translation import side_doors
from locales import registry

register = template.Library()

EVENT_LABELS = {
    "created": gettext_lazy("Sent to translation"),
    "bilingual": gettext_lazy("Translated by the sender"),
    "claimed": gettext_lazy("Claimed"),
    "assigned": gettext_lazy("Assigned"),
    "started": gettext_lazy("Started"),
    "submitted": gettext_lazy("Submitted for review"),
    "glossary_override": gettext_lazy("Glossary check overridden"),
    "glossary_blocked": gettext_lazy("Blocked by the glossary check"),
    "approved": gettext_lazy("Approved"),
    "returned": gettext_lazy("Returned for changes"),
    "cancelled": gettext_lazy("Cancelled"),
    "deadline": gettext_lazy("Deadline changed"),
    "published": gettext_lazy("Published"),
    "source_changed": gettext_lazy("Source changed"),
    "publication_refused": gettext_lazy("Publication refused by the translation desk"),
    side_doors.CONVERT_ACTION: gettext_lazy("Translation converted to an alias"),
    side_doors.STOP_ACTION: gettext_lazy("Synced translation stopped"),
    side_doors.RESTART_ACTION: gettext_lazy("Synced translation restarted"),
    side_doors.DELETE_ACTION: gettext_lazy("Translation deleted"),
    side_doors.ALIAS_CONVERTED_ACTION: gettext_lazy("Alias converted into an ordinary page"),
}


@register.filter
def language_name(code: str) -> str:
    """The edition language ``code`` named in the viewer's language."""
    try:
        return gettext(registry.get(code).name)
    except KeyError:
        return code


@register.filter
def event_label(action: str) -> str:
    """What a job event's ``action`` did, in the viewer's language."""
    return str(EVENT_LABELS.get(action, action))
