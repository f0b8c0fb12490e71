"""Load and validate the catalogue of sites (``sites/catalogue.yaml``).

The whole file is validated before anything is provisioned; an invalid entry is reported with
the site's slug and the field's path, and nothing is applied.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Literal

import yaml
from django.utils.translation import gettext as _
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from locales import registry

DEFAULT_PATH = Path(__file__).with_name("catalogue.yaml")
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
HOSTNAME = r"^(([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}|localhost)$"
SOURCE_STEPS = ("desk_review", "approval")
TRANSLATION_STEPS = ("language_review", "approval")


class CatalogueError(Exception):
    """The catalogue cannot be applied; ``errors`` lists ``(where, message)`` pairs."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__("\n".join(f"{where}: {message}" for where, message in errors))


def _nfc_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        raise ValueError(_("must not be empty"))
    return value


Text = Annotated[str, AfterValidator(_nfc_text)]


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio between ``hex_colour`` and white."""
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


class Names(BaseModel):
    """A name in each edition language; vi and en are required."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    vi: Text
    en: Text
    zh_hans: Text | None = Field(default=None, alias="zh-hans")
    lo: Text | None = None
    km: Text | None = None

    def get(self, code: str) -> str:
        """The name in ``code``, falling back to English, then Vietnamese."""
        value = getattr(self, code.replace("-", "_"))
        return value or (self.en if code != registry.SOURCE_LANGUAGE else self.vi)


class Colours(BaseModel):
    model_config = ConfigDict(extra="forbid")

    primary: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    accent: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")

    @field_validator("primary")
    @classmethod
    def readable_on_white_text(cls, value: str) -> str:
        ratio = contrast_with_white(value)
        if ratio < 4.5:
            raise ValueError(
                _("white text on %(colour)s has contrast %(ratio).2f:1, below 4.5:1")
                % {"colour": value, "ratio": ratio}
            )
        return value.lower()


class Workflow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: list[Literal["desk_review", "approval"]] = Field(min_length=1)
    translation: list[Literal["language_review", "approval"]] = Field(min_length=1)

    @model_validator(mode="after")
    def steps_in_order(self) -> Workflow:
        for name, steps, order in (
            ("source", self.source, SOURCE_STEPS),
            ("translation", self.translation, TRANSLATION_STEPS),
        ):
            if steps != [step for step in order if step in steps]:
                raise ValueError(
                    _("%(name)s steps must be a subset of %(steps)s in that order")
                    % {"name": name, "steps": ", ".join(order)}
                )
            if "approval" not in steps:
                raise ValueError(_("%(name)s steps must end with approval") % {"name": name})
        return self


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: Names


class AutoTranslation(BaseModel):
    """Translation desk: every page the site publishes gets a job for these languages, due
    within the given number of hours."""

    model_config = ConfigDict(extra="forbid")

    languages: list[str] = Field(min_length=1)
    within_hours: int = Field(gt=0, le=24 * 30)
    priority: Literal["low", "normal", "high", "urgent"] = "normal"


class Completeness(BaseModel):
    """Translation desk: editions that must go out together with the source (``together``),
    and the most hours each translation may lag behind it (``within_hours``)."""

    model_config = ConfigDict(extra="forbid")

    together: list[str] = Field(default_factory=list)
    within_hours: int | None = Field(default=None, gt=0)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PHONE = r"^\+?[0-9][0-9 .()-]{5,24}[0-9]$"
EMAIL = r"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,63}$"
#: RFC 2606 reserves this top-level domain: a placeholder address can never reach anyone.
PLACEHOLDER_EMAIL_DOMAIN = ".example"


class OpeningHours(BaseModel):
    """When the agency answers readers: days of the week and office hours (Hanoi time)."""

    model_config = ConfigDict(extra="forbid")

    days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = Field(min_length=1)
    opens: dt.time
    closes: dt.time

    @model_validator(mode="after")
    def sensible(self) -> OpeningHours:
        if self.days != sorted(set(self.days), key=WEEKDAYS.index):
            raise ValueError(_("days must be listed once each, Monday first"))
        if self.opens >= self.closes:
            raise ValueError(_("opening time must be before closing time"))
        return self


class Contact(BaseModel):
    """How readers reach the site's newsroom or office, shown in every footer and on the
    contact page. ``placeholders`` names the fields that are not the agency's confirmed public
    details yet; a placeholder e-mail must use the reserved ``.example`` domain."""

    model_config = ConfigDict(extra="forbid")

    address: Names
    phone: str = Field(pattern=PHONE)
    email: str = Field(pattern=EMAIL, max_length=254)
    hours: OpeningHours
    placeholders: list[Literal["address", "phone", "email", "hours"]] = Field(default_factory=list)

    @model_validator(mode="after")
    def placeholder_email_is_reserved(self) -> Contact:
        reserved = self.email.lower().endswith(PLACEHOLDER_EMAIL_DOMAIN)
        if reserved != ("email" in self.placeholders):
            raise ValueError(
                _("an e-mail address is a placeholder exactly when its domain ends in %(domain)s")
                % {"domain": PLACEHOLDER_EMAIL_DOMAIN}
            )
        return self


class SiteEntry(BaseModel):
    """One channel or portal."""

    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=SLUG, max_length=50)
    kind: Literal["directory", "channel", "district"]
    district_type: Literal["urban_district", "town", "rural_district"] | None = None
    names: Names
    agency: Names
    contact: Contact | None = None
    hostname: str = Field(pattern=HOSTNAME, max_length=253)
    editions: list[str] = Field(min_length=1)
    colours: Colours
    logo_mark: str = Field(min_length=1, max_length=4)
    sections: list[str] = Field(default_factory=list)
    workflow: Workflow
    auto_translation: list[AutoTranslation] = Field(default_factory=list)
    completeness: Completeness | None = None

    @field_validator("editions")
    @classmethod
    def known_editions(cls, value: list[str]) -> list[str]:
        unknown = [code for code in value if code not in registry.CODES]
        if unknown:
            raise ValueError(
                _("unknown language(s) %(unknown)s; known: %(known)s")
                % {"unknown": ", ".join(unknown), "known": ", ".join(registry.CODES)}
            )
        if registry.SOURCE_LANGUAGE not in value:
            raise ValueError(
                _("the source edition '%(code)s' is required") % {"code": registry.SOURCE_LANGUAGE}
            )
        if len(set(value)) != len(value):
            raise ValueError(_("an edition is listed twice"))
        return [code for code in registry.CODES if code in value]

    @model_validator(mode="after")
    def district_type_only_for_districts(self) -> SiteEntry:
        if (self.kind == "district") != (self.district_type is not None):
            raise ValueError(_("district_type is required for districts and only for districts"))
        return self

    @model_validator(mode="after")
    def desk_languages_are_target_editions(self) -> SiteEntry:
        listed = [code for rule in self.auto_translation for code in rule.languages]
        if self.completeness:
            listed += self.completeness.together
        unknown = sorted({code for code in listed if code not in self.target_editions})
        if unknown:
            raise ValueError(
                _("translation languages %(unknown)s are not target editions of this site")
                % {"unknown": ", ".join(unknown)}
            )
        return self

    @property
    def target_editions(self) -> list[str]:
        return [code for code in self.editions if code != registry.SOURCE_LANGUAGE]


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    sections: dict[str, Section]
    sites: list[SiteEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def consistent(self) -> Catalogue:
        errors = []
        for slug in self.sections:
            if not re.match(SLUG, slug):
                errors.append(_("section slug '%(slug)s' is not a valid slug") % {"slug": slug})
        seen_slugs: set[str] = set()
        seen_hosts: set[str] = set()
        for site in self.sites:
            where = _("site '%(slug)s'") % {"slug": site.slug}
            if site.slug in seen_slugs:
                errors.append(_("%(where)s: slug is used twice") % {"where": where})
            if site.hostname in seen_hosts:
                errors.append(
                    _("%(where)s: hostname '%(host)s' is used twice")
                    % {"where": where, "host": site.hostname}
                )
            seen_slugs.add(site.slug)
            seen_hosts.add(site.hostname)
            for section in site.sections:
                if section not in self.sections:
                    errors.append(
                        _("%(where)s: section '%(section)s' is not in the library")
                        % {"where": where, "section": section}
                    )
            if len(set(site.sections)) != len(site.sections):
                errors.append(_("%(where)s: a section is listed twice") % {"where": where})
        directories = [site.slug for site in self.sites if site.kind == "directory"]
        if len(directories) != 1:
            errors.append(
                _("exactly one directory site is required, found %(count)d")
                % {"count": len(directories)}
            )
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def site(self, slug: str) -> SiteEntry:
        return next(site for site in self.sites if site.slug == slug)


def _where(raw: dict, loc: tuple) -> str:
    """Name the entry by its slug rather than its index where possible."""
    parts = [str(part) for part in loc]
    if len(loc) >= 2 and loc[0] == "sites" and isinstance(loc[1], int):
        try:
            slug = raw["sites"][loc[1]].get("slug", f"#{loc[1] + 1}")
        except (IndexError, KeyError, TypeError, AttributeError):
            slug = f"#{loc[1] + 1}"
        return " → ".join([_("site '%(slug)s'") % {"slug": slug}, *parts[2:]])
    return " → ".join(parts) or _("catalogue")


def error_message(error: ErrorDetails) -> str:
    """A translated message for pydantic's common error types; custom validators already
    raise translated messages."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind == "missing":
        return _("this field is required")
    if kind == "extra_forbidden":
        return _("is not a known field")
    if kind == "string_pattern_mismatch":
        return _("has an invalid format")
    if kind == "literal_error":
        return _("must be one of: %(choices)s") % {"choices": ctx.get("expected", "")}
    if kind in ("string_type", "list_type", "dict_type", "model_type", "int_type"):
        return _("has the wrong type")
    if kind in ("too_short", "string_too_short"):
        return _("is too short")
    if kind in ("too_long", "string_too_long"):
        return _("is too long")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"]


def parse(raw: object) -> Catalogue:
    """Validate already-loaded catalogue data; raises :class:`CatalogueError`."""
    if not isinstance(raw, dict):
        raise CatalogueError([(_("catalogue"), _("the file must contain a mapping"))])
    try:
        return Catalogue.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(
            [(_where(raw, tuple(error["loc"])), error_message(error)) for error in exc.errors()]
        ) from None


def read_yaml(path: Path | str, error: type[CatalogueError] = CatalogueError) -> object:
    """The data of a YAML file; a file that cannot be read or parsed raises ``error`` naming
    it (the catalogue and the reorganisation plans beside it)."""
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise error([(str(path), _("cannot be read: %s") % exc.strerror)]) from None
    except yaml.YAMLError as exc:
        raise error([(str(path), _("is not valid YAML: %s") % exc)]) from None


def load(path: Path | str = DEFAULT_PATH) -> Catalogue:
    """Read and validate the catalogue file; raises :class:`CatalogueError`."""
    return parse(read_yaml(path))
