"""Provision every site of the catalogue: Wagtail site, locale trees, sections, groups,
permissions and workflows. Idempotent: a second run changes nothing. Sites that left the
catalogue are retired (their pages unpublished and kept), never deleted. Everything happens in
one transaction, so a failure applies nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.editorial.models import DeskReviewTask
from cms.news.models import DirectoryPage, HomePage, SectionPage
from cms.translation.models import LanguageReviewTask
from locales import registry
from sites import roles
from sites.catalogue import Catalogue, SiteEntry
from sites.info_pages import ensure_info_pages
from sites.models import Channel, Reorganisation, RoleGroup

STEP_LABELS = {"desk_review": "desk review", "approval": "approval"}


@dataclass
class Report:
    """What a provisioning run changed, as human-readable lines."""

    changes: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        self.changes.append(message)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _assign(obj, values: dict) -> bool:
    """Set ``values`` on ``obj``; return whether anything differed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _publish(page: Page) -> None:
    page.save_revision(clean=False).publish(skip_permission_checks=True)


def _contact_values(entry: SiteEntry) -> dict:
    """The channel's contact fields from the catalogue (blank for an entry without any, such as
    a portal a reorganisation plan creates)."""
    contact = entry.contact
    if contact is None:
        return {"phone": "", "email": "", "opening_hours": {}, "contact_placeholders": []}
    return {
        "phone": contact.phone,
        "email": contact.email,
        "opening_hours": {
            "days": list(contact.hours.days),
            "opens": contact.hours.opens.strftime("%H:%M"),
            "closes": contact.hours.closes.strftime("%H:%M"),
        },
        "contact_placeholders": list(contact.placeholders),
    }


def site_address(entry: SiteEntry) -> tuple[str, int]:
    """Hostname and port for a site: ``<slug>.<CMS_SITE_DOMAIN>`` in development, the
    catalogue's hostname on 443 in production."""
    if settings.CMS_SITE_DOMAIN:
        host, _, port = settings.CMS_SITE_DOMAIN.partition(":")
        hostname = host if entry.kind == "directory" else f"{entry.slug}.{host}"
        return hostname, int(port or 80)
    return entry.hostname, 443


class Provisioner:
    """Applies a validated catalogue to the database."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.report = Report()
        self.permissions: dict[tuple[str, str], Permission] = {}

    def run(self) -> Report:
        # modeltranslation reads and writes ``name`` in the active language: pin the source.
        with translation.override(registry.SOURCE_LANGUAGE), transaction.atomic():
            self.locales = self._ensure_locales()
            self.root = Page.get_first_root_node()
            self._remove_wagtail_placeholder()
            self._ensure_language_roles()
            entries = self._entries()
            for position, entry in enumerate(entries):
                self._provision_site(entry, position)
            self._retire_missing({entry.slug for entry in entries})
        return self.report

    def _entries(self) -> list[SiteEntry]:
        """The catalogue's sites plus the portals recorded reorganisations created, without the
        portals a reorganisation archived (their homes stay as archive notices)."""
        entries = {entry.slug: entry for entry in self.catalogue.sites}
        for plan in Reorganisation.objects.order_by("started_at").values_list("plan", flat=True):
            for raw in plan.get("new_sites", []):
                entry = SiteEntry.model_validate(raw)
                entries.setdefault(entry.slug, entry)
        archived = set(
            Channel.objects.filter(archived_at__isnull=False).values_list("slug", flat=True)
        )
        return [entry for slug, entry in entries.items() if slug not in archived]

    # Shared pieces ---------------------------------------------------------------------------

    def _permission(self, app_label: str, codename: str) -> Permission:
        key = (app_label, codename)
        if key not in self.permissions:
            self.permissions[key] = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
        return self.permissions[key]

    def _page_permission(self, codename: str) -> Permission:
        return self._permission("wagtailcore", codename)

    def _ensure_locales(self) -> dict[str, Locale]:
        locales = {}
        for code in registry.CODES:
            locales[code], created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.report.add(f"locale {code} created")
        return locales

    def _group(
        self,
        name: str,
        model_permissions,
        role: str,
        channel: Channel | None = None,
        language: str = "",
    ) -> Group:
        group, created = Group.objects.get_or_create(name=name)
        if created:
            self.report.add(f"group '{name}' created")
        meaning = {"role": role, "channel": channel, "language": language}
        role_group = RoleGroup.objects.filter(group=group).first()
        if role_group is None:
            RoleGroup.objects.create(group=group, **meaning)
            if not created:
                self.report.add(f"group '{name}' role recorded")
        elif _assign(role_group, meaning):
            role_group.save()
            self.report.add(f"group '{name}' role updated")
        wanted = {self._permission(*perm) for perm in model_permissions}
        current = set(group.permissions.all())
        if wanted != current:
            group.permissions.set(wanted)
            if not created:
                self.report.add(f"group '{name}' permissions updated")
        return group

    def _sync_page_permissions(self, group: Group, pages: list[Page], codenames, scope) -> None:
        """Give ``group`` exactly ``codenames`` on ``pages`` within ``scope`` (a queryset of
        pages whose permissions this call owns)."""
        wanted = {
            (page.pk, self._page_permission(codename).pk)
            for page in pages
            for codename in codenames
        }
        existing = GroupPagePermission.objects.filter(group=group, page__in=scope)
        current = {(p.page_id, p.permission_id): p.pk for p in existing}
        stale = [pk for key, pk in current.items() if key not in wanted]
        missing = [key for key in wanted if key not in current]
        if stale:
            GroupPagePermission.objects.filter(pk__in=stale).delete()
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page_id=page_id, permission_id=perm_id)
            for page_id, perm_id in missing
        )
        if stale or missing:
            self.report.add(f"group '{group.name}' page permissions updated")

    def _sync_collection_permissions(self, group: Group, collection: Collection, perms) -> None:
        wanted = {self._permission(*perm).pk for perm in perms}
        current = set(
            GroupCollectionPermission.objects.filter(
                group=group, collection=collection
            ).values_list("permission_id", flat=True)
        )
        if wanted != current:
            GroupCollectionPermission.objects.filter(
                group=group, collection=collection, permission_id__in=current - wanted
            ).delete()
            GroupCollectionPermission.objects.bulk_create(
                GroupCollectionPermission(group=group, collection=collection, permission_id=pk)
                for pk in wanted - current
            )
            self.report.add(f"group '{group.name}' collection permissions updated")

    def _task(self, name: str, group: Group, task_class=GroupApprovalTask) -> GroupApprovalTask:
        task, created = task_class.objects.get_or_create(name=name)
        if created:
            self.report.add(f"task '{name}' created")
        if list(task.groups.all()) != [group]:
            task.groups.set([group])
            if not created:
                self.report.add(f"task '{name}' groups updated")
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        return task

    def _workflow(self, name: str, tasks: list[GroupApprovalTask], page: Page) -> None:
        workflow, created = Workflow.objects.get_or_create(name=name)
        if created:
            self.report.add(f"workflow '{name}' created")
        current = list(
            workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True)
        )
        if current != [task.pk for task in tasks]:
            workflow.workflow_tasks.all().delete()
            WorkflowTask.objects.bulk_create(
                WorkflowTask(workflow=workflow, task=task, sort_order=index)
                for index, task in enumerate(tasks)
            )
            if not created:
                self.report.add(f"workflow '{name}' steps updated")
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        link = WorkflowPage.objects.filter(page=page).first()
        if link is None:
            WorkflowPage.objects.create(page=page, workflow=workflow)
        elif link.workflow_id != workflow.pk:
            link.workflow = workflow
            link.save()
            self.report.add(f"workflow '{name}' assigned to {page.url_path}")

    def _remove_wagtail_placeholder(self) -> None:
        """Delete the untouched "Welcome to Wagtail" page and site that Wagtail's migrations
        create, so the city portal can be the default site."""
        placeholder = Page.objects.filter(
            depth=2, slug="home", content_type__app_label="wagtailcore", content_type__model="page"
        ).first()
        if placeholder is not None and not placeholder.get_children().exists():
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
            self.report.add("Wagtail's placeholder home page removed")

    def _ensure_language_roles(self) -> None:
        self.language_review_tasks = {}
        for code in registry.TARGET_CODES:
            self._group(
                roles.translators_group(code),
                roles.TRANSLATOR_MODEL_PERMISSIONS,
                roles.Role.TRANSLATORS,
                language=code,
            )
            reviewers = self._group(
                roles.reviewers_group(code),
                roles.REVIEWER_MODEL_PERMISSIONS,
                roles.Role.REVIEWERS,
                language=code,
            )
            self.language_review_tasks[code] = self._task(
                f"language review: {code}", reviewers, LanguageReviewTask
            )
        self._group(roles.OVERSIGHT_GROUP, roles.OVERSIGHT_MODEL_PERMISSIONS, roles.Role.OVERSIGHT)

    # One site ----------------------------------------------------------------------------------

    def _provision_site(self, entry: SiteEntry, position: int) -> None:
        channel = self._upsert_channel(entry, position)
        source_home = self._ensure_home(entry, channel)
        homes = {registry.SOURCE_LANGUAGE: source_home}
        for code in entry.target_editions:
            homes[code] = self._ensure_translation(
                source_home, code, entry.names.get(code), f"{entry.slug} home"
            )
        self._retire_dropped_editions(entry, source_home)
        self._ensure_site(entry, channel, source_home)
        self._ensure_sections(entry, source_home)
        for change in ensure_info_pages(entry, homes, self.locales):
            self.report.add(change)
        self._ensure_site_roles(entry, channel, homes)

    def _upsert_channel(self, entry: SiteEntry, position: int) -> Channel:
        values = {
            "kind": entry.kind,
            "district_type": entry.district_type or "",
            "hostname": entry.hostname,
            "editions": entry.editions,
            "primary_colour": entry.colours.primary,
            "accent_colour": entry.colours.accent,
            "logo_mark": entry.logo_mark,
            "position": position,
            "retired_at": None,
            "auto_translation": [rule.model_dump() for rule in entry.auto_translation],
            "editions_together": list(entry.completeness.together) if entry.completeness else [],
            "translation_within_hours": (
                entry.completeness.within_hours if entry.completeness else None
            ),
            **_contact_values(entry),
        }
        for code in registry.CODES:
            suffix = code.replace("-", "_")
            values[f"name_{suffix}"] = getattr(entry.names, suffix)
            values[f"agency_{suffix}"] = getattr(entry.agency, suffix)
            values[f"address_{suffix}"] = (
                getattr(entry.contact.address, suffix) if entry.contact else None
            )
        channel = Channel.objects.filter(slug=entry.slug).first()
        if channel is None:
            channel = Channel(slug=entry.slug)
            _assign(channel, values)
            channel.save()
            self.report.add(f"site '{entry.slug}' added")
        elif _assign(channel, values):
            channel.save()
            self.report.add(f"site '{entry.slug}' details updated")
        return channel

    def _ensure_home(self, entry: SiteEntry, channel: Channel) -> Page:
        page_class = DirectoryPage if entry.kind == "directory" else HomePage
        title = entry.names.vi
        home = channel.home_page.specific if channel.home_page else None
        if home is None:
            home = page_class(
                title=title, slug=entry.slug, locale=self.locales[registry.SOURCE_LANGUAGE]
            )
            self.root.add_child(instance=home)
            _publish(home)
            channel.home_page = home
            channel.save(update_fields=["home_page"])
            self.report.add(f"site '{entry.slug}' home created")
        elif home.title != title or not home.live:
            home.title = title
            _publish(home)
            self.report.add(f"site '{entry.slug}' home updated")
        return home

    def _ensure_translation(self, source: Page, code: str, title: str, label: str) -> Page:
        locale = self.locales[code]
        page = source.get_translation_or_none(locale)
        if page is None:
            page = source.copy_for_translation(locale)
            page.title = title
            _publish(page)
            self.report.add(f"{label} ({code}) created")
            return page
        page = page.specific
        if page.title != title or not page.live:
            page.title = title
            _publish(page)
            self.report.add(f"{label} ({code}) updated")
        return page

    def _retire_dropped_editions(self, entry: SiteEntry, source_home: Page) -> None:
        for edition_home in source_home.get_translations().select_related("locale"):
            code = edition_home.locale.language_code
            if code not in entry.editions:
                self._unpublish_trees([edition_home], f"site '{entry.slug}' edition {code} retired")

    def _ensure_site(self, entry: SiteEntry, channel: Channel, home: Page) -> None:
        hostname, port = site_address(entry)
        values = {
            "hostname": hostname,
            "port": port,
            "site_name": entry.names.vi,
            "root_page_id": home.pk,
            "is_default_site": entry.kind == "directory",
        }
        site = channel.site
        if site is None:
            site = Site(**values)
            site.save()
            channel.site = site
            channel.save(update_fields=["site"])
            self.report.add(f"site '{entry.slug}' answers on {hostname}:{port}")
        elif _assign(site, values):
            site.save()
            self.report.add(f"site '{entry.slug}' address updated to {hostname}:{port}")

    def _ensure_sections(self, entry: SiteEntry, home: Page) -> None:
        existing = {page.slug: page for page in SectionPage.objects.child_of(home)}
        for position, slug in enumerate(entry.sections):
            names = self.catalogue.sections[slug].names
            section = existing.get(slug)
            if section is None:
                section = SectionPage(
                    title=names.vi, slug=slug, position=position, locale=home.locale
                )
                home.add_child(instance=section)
                _publish(section)
                self.report.add(f"site '{entry.slug}' section '{slug}' created")
            elif _assign(section, {"title": names.vi, "position": position}) or not section.live:
                _publish(section)
                self.report.add(f"site '{entry.slug}' section '{slug}' updated")
            for code in entry.target_editions:
                translation = self._ensure_translation(
                    section, code, names.get(code), f"site '{entry.slug}' section '{slug}'"
                )
                if translation.position != position:
                    translation.position = position
                    _publish(translation)
        for slug, section in existing.items():
            if slug not in entry.sections:
                self._unpublish_trees(
                    [section, *section.get_translations()],
                    f"site '{entry.slug}' section '{slug}' retired",
                )

    def _unpublish_trees(self, roots: list[Page], message: str) -> None:
        """Unpublish every live page under ``roots`` (kept, never deleted)."""
        live = [p for root in roots for p in root.get_descendants(inclusive=True).live().specific()]
        for live_page in live:
            live_page.unpublish()
        if live:
            self.report.add(message)

    def _ensure_site_roles(
        self, entry: SiteEntry, channel: Channel, homes: dict[str, Page]
    ) -> None:
        site_pages = [
            homes[registry.SOURCE_LANGUAGE],
            *homes[registry.SOURCE_LANGUAGE].get_translations(),
        ]
        scope = Page.objects.filter(pk__in=[p.pk for p in site_pages])
        editors = self._group(
            channel.group_name(roles.EDITORS),
            roles.EDITOR_MODEL_PERMISSIONS,
            roles.Role.EDITORS,
            channel=channel,
        )
        approvers = self._group(
            channel.group_name(roles.APPROVERS),
            roles.APPROVER_MODEL_PERMISSIONS,
            roles.Role.APPROVERS,
            channel=channel,
        )
        self._group(
            channel.group_name(roles.PRESS_OFFICERS),
            roles.PRESS_OFFICER_MODEL_PERMISSIONS,
            roles.Role.PRESS_OFFICERS,
            channel=channel,
        )
        self._sync_page_permissions(
            editors, [homes[registry.SOURCE_LANGUAGE]], roles.EDITOR_PAGE_PERMISSIONS, scope
        )
        self._sync_page_permissions(
            approvers, list(homes.values()), roles.APPROVER_PAGE_PERMISSIONS, scope
        )
        for code in registry.TARGET_CODES:
            pages = [homes[code]] if code in homes else []
            for group_name, codenames in (
                (roles.translators_group(code), roles.TRANSLATOR_PAGE_PERMISSIONS),
                (roles.reviewers_group(code), roles.REVIEWER_PAGE_PERMISSIONS),
            ):
                self._sync_page_permissions(
                    Group.objects.get(name=group_name), pages, codenames, scope
                )

        collection = self._ensure_collection(entry)
        self._sync_collection_permissions(editors, collection, roles.EDITOR_COLLECTION_PERMISSIONS)
        self._sync_collection_permissions(
            approvers, collection, roles.READER_COLLECTION_PERMISSIONS
        )

        tasks = {
            "desk_review": self._task(f"{entry.slug}: desk review", editors, DeskReviewTask),
            "approval": self._task(f"{entry.slug}: approval", approvers),
        }
        self._workflow(
            f"{entry.slug}: source",
            [tasks[step] for step in entry.workflow.source],
            homes[registry.SOURCE_LANGUAGE],
        )
        for code in entry.target_editions:
            steps = {**tasks, "language_review": self.language_review_tasks[code]}
            self._workflow(
                f"{entry.slug}: translation {code}",
                [steps[step] for step in entry.workflow.translation],
                homes[code],
            )

    def _ensure_collection(self, entry: SiteEntry) -> Collection:
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=entry.slug).first()
        if collection is None:
            collection = root.add_child(name=entry.slug)
            self.report.add(f"site '{entry.slug}' media collection created")
        return collection

    # Retirement --------------------------------------------------------------------------------

    def _retire_missing(self, slugs: set[str]) -> None:
        """Retire the sites no longer listed; archived portals are left as they are."""
        current = Channel.objects.filter(retired_at__isnull=True, archived_at__isnull=True)
        for channel in current.exclude(slug__in=slugs):
            home = channel.home_page
            if home is not None:
                self._unpublish_trees(
                    [home, *home.get_translations()], f"site '{channel.slug}' pages unpublished"
                )
            channel.retired_at = timezone.now()
            channel.save(update_fields=["retired_at"])
            if channel.site is not None and channel.site.is_default_site:
                channel.site.is_default_site = False
                channel.site.save(update_fields=["is_default_site"])
            self.report.add(f"site '{channel.slug}' retired (pages kept)")


def provision(catalogue: Catalogue) -> Report:
    """Apply ``catalogue``; see the module docstring."""
    return Provisioner(catalogue).run()
