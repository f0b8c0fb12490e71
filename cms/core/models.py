"""The abstract page every reader page inherits from, and per-site settings."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from cms.core import publishing
from cms.core.chrome import build_chrome
from locales import registry


class BasePage(Page):
    """A reader page: its context carries the chrome (channel, section menu, language switcher,
    hreflang alternates, breadcrumbs) built once per render."""

    class Meta:
        abstract = True

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["chrome"] = build_chrome(request, self)
        return context

    def publish(self, revision, user=None, *args, **kwargs):
        """Every route to a live page passes the registered gates first
        (``cms.core.publishing``)."""
        publishing.check(self, revision, user)
        return super().publish(revision, user, *args, **kwargs)

    def permissions_for_user(self, user):
        tester = publishing.permission_tester()
        if tester is None:
            return super().permissions_for_user(user)
        return tester(user, self)


def _translated_panels(field: str, label: str | Promise) -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldPanel(f"{field}_{code.replace('-', '_')}") for code in registry.CODES],
        heading=label,
    )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Editable branding and contacts for one site; text fields exist in every language
    (django-modeltranslation, see ``cms/core/translation.py``)."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Shown in the header; when empty the catalogue's logo mark is used."),
    )
    footer_text = models.TextField(_("footer text"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    x_url = models.URLField(_("X account"), blank=True)

    panels = [
        FieldPanel("logo"),
        _translated_panels("footer_text", _("Footer text")),
        _translated_panels("address", _("Address")),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contacts")
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("x_url")],
            heading=_("Social links"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
