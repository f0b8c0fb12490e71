"""A channel or portal as provisioned from the catalogue, linked to its Wagtail site."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelQuerySet(models.QuerySet):
    def active(self) -> ChannelQuerySet:
        return self.filter(retired_at__isnull=True).order_by("position")


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

    objects = ChannelQuerySet.as_manager()

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
        """The name of this site's group for ``role`` (``editors`` or ``approvers``)."""
        return f"{self.slug}: {role}"
