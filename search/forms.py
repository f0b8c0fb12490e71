"""The reader's search parameters, validated; anything malformed is reported, never fatal."""

from __future__ import annotations

import re

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from search.documents import MAX_QUERY_LENGTH

SLUG = re.compile(r"^[-a-z0-9_]{1,64}$")
MAX_FILTER_VALUES = 10
FILTERS = {"channel": "channel", "district": "district", "topic": "topics", "type": "content_type"}


class SearchForm(forms.Form):
    """``q``, ``scope`` (this site or all channels), a date range, a page number and
    ``as_typed`` (no correction of the query); facet
    filters (``channel``, ``district``, ``topic``, ``type``) are read by :meth:`filters`."""

    data: MultiValueDict[str, str]  # a query string, or empty when unbound

    q = forms.CharField(label=_("Search terms"), required=False)
    scope = forms.ChoiceField(
        choices=[("site", _("This site")), ("all", _("All channels"))], required=False
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )
    date_to = forms.DateField(
        label=_("To"), required=False, error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")}
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=1000)
    #: Search for the query as typed, not for the suggestion that finds more.
    as_typed = forms.BooleanField(required=False)

    def value(self, name: str, default=None):
        """The cleaned value of ``name``, or ``default`` when it is missing or invalid."""
        if not self.is_bound:
            return default
        self.is_valid()
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value

    @property
    def query(self) -> str:
        return self.value("q", "").strip()

    @property
    def truncated(self) -> bool:
        return len(self.query) > MAX_QUERY_LENGTH

    def filters(self) -> dict[str, list[str]]:
        """Facet filters from the query string: known parameter names, slug values only."""
        chosen = {}
        for parameter, field in FILTERS.items():
            values = [v for v in self.data.getlist(parameter) if SLUG.match(v)]
            if values:
                chosen[field] = values[:MAX_FILTER_VALUES]
        return chosen
