"""The footer of reader pages: the site's contact details from the catalogue and links to its
about, contact, privacy and accessibility pages in the edition being read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django import template
from wagtail.models import Page

from cms.core.chrome import Chrome
from cms.core.info_pages import InfoLink, kind_of
from locales import formatting

register = template.Library()


@dataclass
class FooterDetails:
    """What the footer and the contact page show for one site and edition."""

    address: str = ""
    phone: str = ""
    phone_uri: str = ""
    email: str = ""
    hours: str = ""
    links: list[InfoLink] = field(default_factory=list)


def _hours(opening_hours: dict, code: str) -> str:
    if not opening_hours:
        return ""
    return formatting.format_hours(
        opening_hours["days"],
        dt.time.fromisoformat(opening_hours["opens"]),
        dt.time.fromisoformat(opening_hours["closes"]),
        code,
    )


_CACHE_ATTRIBUTE = "_site_footer"


@register.simple_tag
def site_footer(chrome: Chrome) -> FooterDetails:
    """``{% site_footer chrome as footer %}``: computed once per page without a query (the
    info page links come with the cached site frame) and kept with the page's chrome, for
    the contact page's own use."""
    cached = getattr(chrome, _CACHE_ATTRIBUTE, None)
    if isinstance(cached, FooterDetails):
        return cached
    channel = chrome.channel
    details = FooterDetails(links=list(chrome.info_links))
    if channel is not None:
        code = chrome.language.code
        details.address = formatting.digits(channel.address or "", code)
        details.phone = formatting.digits(channel.phone, code)
        details.phone_uri = "tel:" + "".join(c for c in channel.phone if c in "+0123456789")
        details.email = channel.email
        details.hours = _hours(channel.opening_hours, code)
    setattr(chrome, _CACHE_ATTRIBUTE, details)
    return details


@register.simple_tag
def info_page_kind(page: Page, chrome: Chrome) -> str:
    """``{% info_page_kind page chrome as kind %}``: "contact", "about", … for a site's info
    page, "" for any other page."""
    return kind_of(page, site_footer(chrome).links)
