"""The directory's filters: field, competent agency and who may apply, read from the query
string (unknown values are ignored and reported), applied in one query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import HttpRequest

from cms.procedures.choices import Applicant, Field

PARAMETERS = ("field", "agency", "applicant")


@dataclass
class Option:
    value: str
    label: str
    selected: bool


@dataclass
class Listing:
    """What the directory shows: the procedures found, the filter options and choices."""

    procedures: list
    fields: list[Option] = field(default_factory=list)
    agencies: list[Option] = field(default_factory=list)
    applicants: list[Option] = field(default_factory=list)
    chosen: dict[str, str] = field(default_factory=dict)

    @property
    def filtered(self) -> bool:
        return bool(self.chosen)


def _options(choices: Iterable[tuple[str, object]], chosen: str) -> list[Option]:
    return [Option(value, str(label), value == chosen) for value, label in choices]


def listing(request: HttpRequest, procedures: QuerySet, agencies: QuerySet) -> Listing:
    """The procedures of ``procedures`` that match the request's filters, by title (two
    queries: the agencies offered and the procedures found)."""
    wanted = {name: request.GET.get(name, "").strip() for name in PARAMETERS}
    agency_rows = list(agencies.filter(pk__in=procedures.values("agency_id")).order_by("name"))
    agency_slugs = {agency.slug for agency in agency_rows}
    chosen = {}
    if wanted["field"] in Field.values:
        chosen["field"] = wanted["field"]
        procedures = procedures.filter(field=wanted["field"])
    if wanted["agency"] in agency_slugs:
        chosen["agency"] = wanted["agency"]
        procedures = procedures.filter(agency__slug=wanted["agency"])
    if wanted["applicant"] in Applicant.values:
        chosen["applicant"] = wanted["applicant"]
        # The JSON text of the list holds each code in quotes: an exact match on any backend.
        procedures = procedures.filter(applicants__icontains=f'"{wanted["applicant"]}"')
    found = list(procedures.select_related("agency").order_by("title"))
    return Listing(
        procedures=found,
        fields=_options(Field.choices, chosen.get("field", "")),
        agencies=_options([(a.slug, a.name) for a in agency_rows], chosen.get("agency", "")),
        applicants=_options(Applicant.choices, chosen.get("applicant", "")),
        chosen=chosen,
    )
