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
        return self.filter(retired_at__isnull=True).order_by("position")

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
