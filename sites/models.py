"""A channel or portal as provisioned from the catalogue, linked to its Wagtail site, with
its translation policy and the groups that hold its roles."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

# Wagtail's tree paths hold four characters per level: a page's edition home (depth 2) is the
# first eight characters of its path.
HOME_PATH_LENGTH = 2 * Page.steplen


class ChannelQuerySet(models.QuerySet["Channel"]):
    def active(self) -> ChannelQuerySet:
        """Channels that publish: neither retired nor archived by a reorganisation."""
        return self.filter(retired_at__isnull=True, archived_at__isnull=True).order_by("position")

    def for_site(self, site: Site | None) -> Channel | None:
        """The channel a Wagtail site serves (one query)."""
        return self.filter(site=site).first() if site is not None else None

    def for_page(self, page: Page) -> Channel | None:
        """The channel whose edition trees hold ``page``, in any language (one query): every
        edition home is a translation of the channel's source home."""
        if page.depth < 2:
            return None
        home = Page.objects.filter(path=page.path[:HOME_PATH_LENGTH]).values("translation_key")
        return self.filter(home_page__translation_key__in=home).first()


ChannelManager = models.Manager.from_queryset(ChannelQuerySet)


class Channel(models.Model):
    """One site of the catalogue: names (modeltranslation), kind, branding, editions.

    Provisioning owns these rows; editors change branding and contacts in the site settings.
    """

    class Kind(models.TextChoices):
        DIRECTORY = "directory", _("City portal")
        CHANNEL = "channel", _("Key channel")
        DISTRICT = "district", _("District portal")

    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    district_type = models.CharField(_("district type"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    agency = models.CharField(_("owning agency"), max_length=200)
    hostname = models.CharField(_("production hostname"), max_length=253)
    editions = models.JSONField(_("editions"), default=list)
    primary_colour = models.CharField(_("primary colour"), max_length=7)
    accent_colour = models.CharField(_("accent colour"), max_length=7)
    logo_mark = models.CharField(_("logo mark"), max_length=4)
    position = models.PositiveIntegerField(_("position"), default=0)
    site = models.OneToOneField(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="channel",
        verbose_name=_("site"),
    )
    home_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source home page"),
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    archived_at = models.DateTimeField(
        _("archived at"),
        null=True,
        blank=True,
        help_text=_(
            "Set when a reorganisation moved this portal's content to its successors; its home "
            "stays online as an archive notice and its old addresses redirect."
        ),
    )
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successors"),
    )
    auto_translation = models.JSONField(
        _("automatic translation rules"),
        default=list,
        blank=True,
        help_text=_(
            "Every page the site publishes gets a translation job per listed language: "
            '[{"languages": [...], "within_hours": N, "priority": "normal"}].'
        ),
    )
    editions_together = models.JSONField(
        _("editions published together with the source"), default=list, blank=True
    )
    translation_within_hours = models.PositiveIntegerField(
        _("hours within which every edition follows its source"), null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.JSONField(
        _("opening hours"),
        default=dict,
        blank=True,
        help_text=_('{"days": ["mon", …], "opens": "08:00", "closes": "17:00"}'),
    )
    contact_placeholders = models.JSONField(
        _("contact fields that are placeholders"), default=list, blank=True
    )

    # Annotated because modeltranslation swaps in a subclass made at run time, which the type
    # checker cannot resolve.
    objects: ClassVar[ChannelManager[Channel]] = ChannelManager()

    class Meta:
        ordering = ["position"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def group_name(self, role: str) -> str:
        """The name given to this site's group for ``role`` (``editors`` or ``approvers``)."""
        return f"{self.slug}: {role}"

    @property
    def translation_time_limit(self) -> datetime.timedelta | None:
        """The most a translation may lag behind its source on this site, or None."""
        if self.translation_within_hours is None:
            return None
        return datetime.timedelta(hours=self.translation_within_hours)


class RoleGroup(models.Model):
    """What a Django group stands for: a role, on one channel (editors, approvers) or in one
    language (translators, reviewers), or across every site (oversight). Permissions are read
    from these rows, never from group names."""

    class Role(models.TextChoices):
        EDITORS = "editors", _("Editors")
        APPROVERS = "approvers", _("Approvers")
        TRANSLATORS = "translators", _("Translators")
        REVIEWERS = "reviewers", _("Language reviewers")
        OVERSIGHT = "oversight", _("Oversight")
        PRESS_OFFICERS = "press officers", _("Press officers")

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="role", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    channel = models.ForeignKey(
        Channel,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_groups",
        verbose_name=_("channel"),
    )
    language = models.CharField(_("language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("role group")
        verbose_name_plural = _("role groups")

    def __str__(self) -> str:
        return self.group.name


class Reorganisation(models.Model):
    """A reorganisation plan as applied: which portals became which, when it takes effect,
    who applied it, and the counts of what it did. The plan is kept as validated data, so the
    portals it created stay provisioned even if the plan file is later removed."""

    class State(models.TextChoices):
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    effective = models.DateField(_("takes effect on"))
    plan = models.JSONField(_("plan"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    applied_by = models.CharField(_("applied by"), max_length=150, blank=True)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    counts = models.JSONField(_("what was done"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")

    def __str__(self) -> str:
        return self.title
