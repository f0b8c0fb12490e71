"""Wagtail's image tags (``image``, ``srcset_image``, ``picture``), each keeping the filters
it makes when its template is compiled.

Wagtail's nodes make new ``Filter`` objects at every render, and each new filter parses its
operations again (checking every operation's arguments with ``inspect``): on a page of cards
that was a sixth of the render. A filter holds nothing of a render, so one set per tag serves
them all; otherwise the tags are Wagtail's own, with the same arguments and output."""

from __future__ import annotations

from django import template
from django.template.base import Parser, Token
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


def _keeping_filters(parser: Parser, token: Token) -> template.Node:
    node = wagtailimages_tags.image(parser, token)
    if hasattr(node, "get_filters"):  # srcset_image, picture: one filter per width
        filters = node.get_filters()
        node.get_filters = lambda: filters
    else:
        kept = node.get_filter()
        node.get_filter = lambda: kept
    return node


for _name in ("image", "srcset_image", "picture"):
    register.tag(_name, _keeping_filters)
