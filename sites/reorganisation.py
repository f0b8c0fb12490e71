"""Reorganise portals as administrative units change: a plan (data beside the catalogue) maps
each old unit to one or more successors — whole, by section, by topic or page by page — and one
command applies it.

Applying creates the successor portals, moves the mapped pages of every edition (revisions,
translations, translation jobs and search entries follow the page, which keeps its id), answers
every old address with a permanent redirect, moves the old portal's editors and approvers, and
turns the old home into an archive notice that names the successors. Every step checks what is
already done, so a second run does nothing and a run stopped half-way is finished by the next.
The dry run computes the same actions and counts without writing anything.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.core import bulk
from cms.news.models import ArticlePage, SectionPage
from locales import registry
from sites import roles
from sites.catalogue import (
    SLUG,
    Catalogue,
    CatalogueError,
    Names,
    SiteEntry,
    error_message,
    read_yaml,
)
from sites.models import Channel, Reorganisation, RoleGroup
from sites.provisioning import provision

PLANS_DIRECTORY = Path(__file__).with_name("reorganisations")
STAFF_ROLES = (roles.Role.EDITORS, roles.Role.APPROVERS)
MOVES_PER_TRANSACTION = 50
"""Source pages (each with its translations) moved, with their redirects, in one transaction: a
run stopped half-way keeps every batch it finished."""


class PlanError(CatalogueError):
    """The plan cannot be applied; ``errors`` lists ``(where, message)`` pairs."""


class Successor(BaseModel):
    """Where (part of) an old unit's content goes. ``whole``: everything (the only successor);
    ``rest``: everything no other successor of the unit claims; otherwise the listed sections,
    topics and pages (paths below the old home in the source edition, e.g. ``tin-tuc/le-hoi``).
    ``staff``: this successor receives the old portal's editors and approvers (by default the
    ``whole`` or ``rest`` successor)."""

    model_config = ConfigDict(extra="forbid")

    to: str = Field(pattern=SLUG, max_length=50)
    whole: bool = False
    rest: bool = False
    sections: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    pages: list[str] = Field(default_factory=list)
    staff: bool | None = None

    @model_validator(mode="after")
    def claims_something(self) -> Successor:
        if self.whole and (self.rest or self.sections or self.topics or self.pages):
            raise ValueError(_("'whole' takes everything; it cannot be combined with other claims"))
        if not (self.whole or self.rest or self.sections or self.topics or self.pages):
            raise ValueError(_("claims nothing: give whole, rest, sections, topics or pages"))
        self.pages = [page.strip("/") for page in self.pages]
        return self

    @property
    def receives_staff(self) -> bool:
        return self.staff if self.staff is not None else (self.whole or self.rest)


class Unit(BaseModel):
    """One old unit and its successors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    old: str = Field(alias="from", pattern=SLUG, max_length=50)
    successors: list[Successor] = Field(min_length=1)


class Plan(BaseModel):
    """A reorganisation plan: the units it dissolves, the portals it creates, when it takes
    effect. ``sample`` marks a plan whose mapping is illustrative, not official."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=1)
    slug: str = Field(pattern=SLUG, max_length=50)
    title: Names
    effective: datetime.date
    sample: bool = False
    new_sites: list[SiteEntry] = Field(default_factory=list)
    units: list[Unit] = Field(min_length=1)


def check(plan: Plan, catalogue: Catalogue) -> list[tuple[str, str]]:
    """Errors that make ``plan`` inapplicable to ``catalogue``, each naming its entry."""
    errors: list[tuple[str, str]] = []
    current = {site.slug: site for site in catalogue.sites}
    hostnames = {site.hostname for site in catalogue.sites}
    for entry in plan.new_sites:
        where = _("new site '%(slug)s'") % {"slug": entry.slug}
        problems = []
        if entry.slug in current:
            problems.append(_("slug is already in the catalogue"))
        if entry.hostname in hostnames:
            problems.append(
                _("hostname '%(host)s' is already in the catalogue") % {"host": entry.hostname}
            )
        unknown = [slug for slug in entry.sections if slug not in catalogue.sections]
        if unknown:
            problems.append(
                _("sections not in the library: %(slugs)s") % {"slugs": ", ".join(unknown)}
            )
        errors += [(where, problem) for problem in problems]
    entries = {**current, **{entry.slug: entry for entry in plan.new_sites}}
    old_units = [unit.old for unit in plan.units]
    for unit in plan.units:
        where = _("unit '%(slug)s'") % {"slug": unit.old}
        old = current.get(unit.old)
        if old is None:
            errors.append((where, _("is not a site of the catalogue")))
            continue
        if old.kind == "directory":
            errors.append((where, _("the city portal cannot be reorganised")))
        if old_units.count(unit.old) > 1:
            errors.append((where, _("is mapped twice")))
        errors += _check_successors(unit, old, entries, old_units)
    return errors


def _claim(claims: dict[str, str], name: str, owner: str) -> str | None:
    """Record that ``owner`` claims ``name``; returns whoever claimed it before, if anyone."""
    earlier = claims.get(name)
    claims[name] = owner
    return earlier


def _check_successors(
    unit: Unit, old: SiteEntry, entries: dict[str, SiteEntry], old_units: list[str]
) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    sections: dict[str, str] = {}
    topics: dict[str, str] = {}
    pages: dict[str, str] = {}
    for successor in unit.successors:
        where = _("unit '%(old)s' → successor '%(new)s'") % {"old": unit.old, "new": successor.to}
        target = entries.get(successor.to)
        if target is None:
            errors.append((where, _("is neither in the catalogue nor a new site of the plan")))
            continue
        problems = []
        if successor.to in old_units or target.kind == "directory":
            problems.append(
                _("cannot receive content: it is dissolved by this plan or is the city portal")
            )
        missing = [code for code in old.editions if code not in target.editions]
        if missing:
            problems.append(
                _("lacks the editions %(codes)s of the old unit") % {"codes": ", ".join(missing)}
            )
        for section in successor.sections:
            if section not in old.sections:
                problems.append(
                    _("section '%(section)s' is not a section of the old unit")
                    % {"section": section}
                )
            if other := _claim(sections, section, successor.to):
                problems.append(
                    _("section '%(section)s' is claimed twice (also by '%(other)s')")
                    % {"section": section, "other": other}
                )
        for topic in successor.topics:
            if other := _claim(topics, topic, successor.to):
                problems.append(
                    _("topic '%(topic)s' is claimed twice (also by '%(other)s')")
                    % {"topic": topic, "other": other}
                )
        for page in successor.pages:
            if other := _claim(pages, page, successor.to):
                problems.append(
                    _("page '%(page)s' is claimed twice (also by '%(other)s')")
                    % {"page": page, "other": other}
                )
        receives = old.sections if successor.whole or successor.rest else successor.sections
        needed = [slug for slug in receives if slug not in target.sections]
        if needed:
            problems.append(
                _("has no section %(sections)s to receive the content")
                % {"sections": ", ".join(needed)}
            )
        errors += [(where, problem) for problem in problems]
    where = _("unit '%(slug)s'") % {"slug": unit.old}
    catch_all = [s for s in unit.successors if s.whole or s.rest]
    if any(s.whole for s in catch_all) and len(unit.successors) > 1:
        errors.append((where, _("a 'whole' successor must be the only one")))
    if len(catch_all) > 1:
        errors.append((where, _("more than one successor takes the rest")))
    unmapped = [slug for slug in old.sections if slug not in sections]
    if not catch_all and unmapped:
        errors.append(
            (
                where,
                _(
                    "left unmapped: sections %(sections)s have no successor; "
                    "add 'rest' to one successor"
                )
                % {"sections": ", ".join(unmapped)},
            )
        )
    if sum(1 for s in unit.successors if s.receives_staff) > 1:
        errors.append((where, _("more than one successor receives the staff")))
    return errors


def parse(raw: object, catalogue: Catalogue) -> Plan:
    """Validate loaded plan data against ``catalogue``; raises :class:`PlanError`."""
    if not isinstance(raw, dict):
        raise PlanError([(_("plan"), _("the file must contain a mapping"))])
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        raise PlanError(
            [
                (" → ".join(str(p) for p in error["loc"]) or _("plan"), error_message(error))
                for error in exc.errors()
            ]
        ) from None
    errors = check(plan, catalogue)
    if errors:
        raise PlanError(errors)
    return plan


def load(path: Path | str, catalogue: Catalogue) -> Plan:
    """Read and validate a plan file; raises :class:`PlanError`."""
    return parse(read_yaml(path, PlanError), catalogue)


# Planning ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """One source page (with all its translations, which share its translation key) going to a
    successor's section."""

    translation_key: uuid.UUID
    old: str
    to: str
    section: str


@dataclass
class Counts:
    """What a run does (dry run) or did, per site and edition and kind of action."""

    actions: Counter = field(default_factory=Counter)

    def add(self, site: str, edition: str, action: str, count: int = 1) -> None:
        if count:
            self.actions[(site, edition, action)] += count

    @property
    def empty(self) -> bool:
        return not self.actions

    def totals(self) -> dict[str, int]:
        totals: Counter = Counter()
        for (_site, _edition, action), count in self.actions.items():
            totals[action] += count
        return dict(sorted(totals.items()))

    def as_dict(self) -> dict[str, int]:
        return {"|".join(key): count for key, count in sorted(self.actions.items())}

    def lines(self) -> Iterator[str]:
        for (site, edition, action), count in sorted(self.actions.items()):
            yield f"{site} [{edition}] {action}: {count}"


def _successor_for(unit: Unit, page: ArticlePage, section: str, relative: str) -> Successor:
    for successor in unit.successors:
        if relative in successor.pages:
            return successor
    topics = {link.topic.slug for link in page.topics.all()}
    by_topic = [s for s in unit.successors if topics & set(s.topics)]
    if len(by_topic) > 1:
        raise PlanError(
            [
                (
                    _("unit '%(slug)s'") % {"slug": unit.old},
                    _("page '%(page)s' is claimed twice by topic (by %(successors)s)")
                    % {"page": relative, "successors": ", ".join(s.to for s in by_topic)},
                )
            ]
        )
    if by_topic:
        return by_topic[0]
    for successor in unit.successors:
        if section in successor.sections:
            return successor
    return next(s for s in unit.successors if s.whole or s.rest)


def plan_moves(unit: Unit) -> list[Move]:
    """The source pages of ``unit`` still under its old home and where each goes."""
    channel = Channel.objects.filter(slug=unit.old).select_related("home_page").first()
    if channel is None or channel.home_page is None:
        raise PlanError([(_("unit '%(slug)s'") % {"slug": unit.old}, _("is not provisioned"))])
    home = channel.home_page
    # every article lies in a section, a child of the home: its path begins with the section's
    sections = {section.path: section.slug for section in SectionPage.objects.child_of(home)}
    section_length = (home.depth + 1) * Page.steplen
    moves = []
    articles = (
        ArticlePage.objects.descendant_of(home)
        .filter(locale__language_code=registry.SOURCE_LANGUAGE)
        .prefetch_related("topics__topic")
        .order_by("path")
    )
    for article in articles:
        section = sections[article.path[:section_length]]
        relative = article.url_path[len(home.url_path) :].strip("/")
        successor = _successor_for(unit, article, section, relative)
        moves.append(Move(article.translation_key, unit.old, successor.to, section))
    return moves


# Applying --------------------------------------------------------------------------------------


class Reorganiser:
    """Computes (``dry_run``) or applies a validated plan."""

    def __init__(
        self,
        plan: Plan,
        catalogue: Catalogue,
        *,
        dry_run: bool,
        user: AbstractBaseUser | AnonymousUser | None = None,
        applied_by: str = "",
    ) -> None:
        self.plan = plan
        self.catalogue = catalogue
        self.dry_run = dry_run
        self.user = user if user is not None and user.is_authenticated else None
        self.applied_by = self.user.get_username() if self.user else applied_by
        self.counts = Counts()
        self.sections: dict[str, dict[tuple[str, str], Page]] = {}
        self.taken_slugs: dict[int, set[str]] = {}

    def run(self) -> Counts:
        moves = {unit.old: plan_moves(unit) for unit in self.plan.units}
        # modeltranslation reads and writes names in the active language: pin the source.
        # Purges and the search queue's run wait for the end (every affected site is purged).
        with translation.override(registry.SOURCE_LANGUAGE), bulk.bulk_change():
            record = self._start()
            try:
                self._portals()
                for unit in self.plan.units:
                    self._move_pages(moves[unit.old])
                    self._archive(unit, moves[unit.old])
                    self._move_staff(unit)
            finally:
                # What was done is recorded even when the run stops half-way.
                if record is not None:
                    record.counts = _merge(record.counts, self.counts)
                    record.save(update_fields=["counts"])
            if record is not None:
                record.state = Reorganisation.State.COMPLETED
                record.completed_at = record.completed_at or timezone.now()
                record.save(update_fields=["state", "completed_at"])
        return self.counts

    def _start(self) -> Reorganisation | None:
        if self.dry_run:
            return None
        record, _created = Reorganisation.objects.get_or_create(
            slug=self.plan.slug,
            defaults={
                "title": self.plan.title.vi,
                "effective": self.plan.effective,
                "plan": self.plan.model_dump(mode="json", by_alias=True),
                "state": Reorganisation.State.STARTED,
                "applied_by": self.applied_by,
            },
        )
        return record

    def _portals(self) -> None:
        existing = set(Channel.objects.values_list("slug", flat=True))
        for entry in self.plan.new_sites:
            if entry.slug not in existing:
                for code in entry.editions:
                    self.counts.add(entry.slug, code, "portal editions created")
        if not self.dry_run:
            # The plan is recorded by now, so provisioning includes its new portals.
            provision(self.catalogue)

    def _target_sections(self, slug: str) -> dict[tuple[str, str], Page]:
        """(section slug, language) → section page of a provisioned successor."""
        if slug not in self.sections:
            self.sections[slug] = self._load_sections(slug)
        return self.sections[slug]

    def _load_sections(self, slug: str) -> dict[tuple[str, str], Page]:
        channel = Channel.objects.filter(slug=slug).select_related("home_page").first()
        if channel is None or channel.home_page is None:
            return {}
        homes = Page.objects.filter(translation_key=channel.home_page.translation_key)
        sections = {}
        for home in homes.select_related("locale"):
            for section in Page.objects.child_of(home).type(SectionPage):
                sections[(section.slug, home.locale.language_code)] = section
        return sections

    def _move_pages(self, moves: list[Move]) -> None:
        for start in range(0, len(moves), MOVES_PER_TRANSACTION):
            batch = moves[start : start + MOVES_PER_TRANSACTION]
            editions: dict[uuid.UUID, list[Page]] = {}
            for page in (
                Page.objects.filter(translation_key__in=[move.translation_key for move in batch])
                .select_related("locale")
                .order_by("locale__language_code")
            ):
                editions.setdefault(page.translation_key, []).append(page)
            done = Counts()
            redirects: list[Redirect] = []
            with transaction.atomic():
                for move in batch:
                    sections = self._target_sections(move.to)
                    for page in editions.get(move.translation_key, []):
                        code = page.locale.language_code
                        parent = sections.get((move.section, code))
                        if parent is not None and page.path.startswith(parent.path):
                            continue
                        done.add(move.to, code, "pages moved in")
                        done.add(move.old, code, "pages moved out")
                        if page.live:
                            done.add(move.old, code, "redirects")
                        if not self.dry_run:
                            assert parent is not None, (
                                f"successor '{move.to}' has no section for {code}"
                            )
                            redirects.extend(self._move(page, parent, move.old))
                _redirect(redirects)
            self.counts.actions.update(done.actions)

    def _move(self, page: Page, parent: Page, old_slug: str) -> list[Redirect]:
        """Move ``page`` under ``parent``; the redirect from its old address, if it has one."""
        old_site_id, _root, old_path = page.get_url_parts() or (None, None, None)
        taken = self._slugs(parent)
        if page.slug in taken:
            page.slug = f"{page.slug}-{old_slug}"
            self._rename(page.specific, page.slug)
        taken.add(page.slug)
        page.move(parent, pos="last-child", user=self.user)
        if page.live and old_site_id is not None and old_path:
            return [_permanent(old_site_id, old_path, page)]
        return []

    def _slugs(self, parent: Page) -> set[str]:
        """The slugs taken among ``parent``'s children (kept up to date as pages move in)."""
        if parent.pk not in self.taken_slugs:
            self.taken_slugs[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        return self.taken_slugs[parent.pk]

    def _rename(self, page: Page, slug: str) -> None:
        """Give ``page`` a slug free in its new section, in the page and its latest revision (so
        the next edit does not bring the clashing slug back)."""
        page.slug = slug
        page.save(update_fields=["slug"], clean=False)
        revision = page.latest_revision
        if revision is not None:
            revision.content["slug"] = slug
            revision.save(update_fields=["content"])

    def _archive(self, unit: Unit, moves: list[Move]) -> None:
        """Unpublish what stays behind (sections, other pages) with redirects, keep the homes as
        archive notices and record the successors."""
        channel = Channel.objects.select_related("home_page").get(slug=unit.old)
        home = channel.home_page
        assert home is not None
        catch_all = next(
            (s.to for s in unit.successors if s.whole or s.rest), unit.successors[0].to
        )
        moving = [move.translation_key for move in moves]
        homes = Page.objects.filter(translation_key=home.translation_key).select_related("locale")
        for edition_home in homes:
            code = edition_home.locale.language_code
            staying = (
                edition_home.get_descendants()
                .live()
                .exclude(translation_key__in=moving)
                .specific()
                .order_by("-depth")
            )
            for page in staying:
                target = None
                if isinstance(page, SectionPage):
                    owner = next(
                        (s.to for s in unit.successors if page.slug in s.sections), catch_all
                    )
                    target = self._target_sections(owner).get((page.slug, code))
                self.counts.add(unit.old, code, "pages archived")
                self.counts.add(unit.old, code, "redirects")
                if not self.dry_run:
                    self._retire_page(page, target or edition_home)
            if channel.archived_at is None:
                self.counts.add(unit.old, code, "home turned into archive notice")
        if not self.dry_run and channel.archived_at is None:
            channel.archived_at = timezone.now()
            channel.save(update_fields=["archived_at"])
            channel.successors.set(Channel.objects.filter(slug__in=[s.to for s in unit.successors]))

    def _retire_page(self, page: Page, target: Page) -> None:
        site_id, _root, path = page.get_url_parts() or (None, None, None)
        with transaction.atomic():
            page.unpublish(user=self.user)
            if site_id is not None and path:
                _redirect([_permanent(site_id, path, target)])

    def _move_staff(self, unit: Unit) -> None:
        receiver = next((s.to for s in unit.successors if s.receives_staff), None)
        if receiver is None:
            return
        for role in STAFF_ROLES:
            old = (
                RoleGroup.objects.filter(channel__slug=unit.old, role=role)
                .select_related("group")
                .first()
            )
            new = (
                RoleGroup.objects.filter(channel__slug=receiver, role=role)
                .select_related("group")
                .first()
            )
            members = list(old.group.user_set.all()) if old else []
            if not members:
                continue
            self.counts.add(receiver, registry.SOURCE_LANGUAGE, f"{role} moved in", len(members))
            if not self.dry_run:
                assert old is not None and new is not None
                new.group.user_set.add(*members)
                old.group.user_set.remove(*members)


def _permanent(site_id: int, path: str, page: Page) -> Redirect:
    """A permanent redirect from ``path`` on the old site to ``page`` (which it follows if the
    page moves again)."""
    return Redirect(
        site_id=site_id,
        old_path=Redirect.normalise_path(path),
        redirect_page=page,
        is_permanent=True,
        redirect_link="",
    )


def _redirect(redirects: list[Redirect]) -> None:
    """Create ``redirects`` in bulk, replacing any earlier one from the same old address."""
    Redirect.objects.bulk_create(
        redirects,
        update_conflicts=True,
        unique_fields=["old_path", "site"],
        update_fields=[
            "redirect_page",
            "redirect_page_route_path",
            "is_permanent",
            "redirect_link",
            "automatically_created",
        ],
    )


def _merge(previous: dict, counts: Counts) -> dict:
    merged = Counter(previous)
    merged.update(counts.as_dict())
    return dict(sorted(merged.items()))
