"""Wagtail's image tags (``image``, ``srcset_image``, ``picture``), each keeping the filters
it makes when its template is compiled, and ``image`` taking a rendition loaded with the page
as it is.

Wagtail's nodes make new ``Filter`` objects at every render, and each new filter parses its
operations again (checking every operation's arguments with ``inspect``): on a page of cards
that was a sixth of the render. A filter holds nothing of a render, so one set per tag serves
them all. Wagtail's ``image`` asks ``Image.get_rendition``, which writes the rendition to the
rendition cache every time, even one loaded with the page (``attach_renditions``): pickled
with its image, a tenth of a millisecond per picture on every article (the sharing image).
Here it asks ``get_renditions``, as ``srcset_image`` does, which finds the rendition the same
way and leaves one loaded with the page alone. Otherwise the tags are Wagtail's own, with the
same arguments and output."""

from __future__ import annotations

from django import template
from django.template.base import Parser, Token
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


class _ImageNode(wagtailimages_tags.ImageNode):
    """Wagtail's ``{% image %}``, its rendition asked for with ``get_renditions``."""

    def render(self, context: template.Context) -> str:
        image = self.validate_image(context)
        if not image:
            return ""
        (rendition,) = get_renditions_or_not_found(image, [self.get_filter()]).values()
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag(
            {name: value.resolve(context) for name, value in self.attrs.items()}
        )


def _keeping_filters(parser: Parser, token: Token) -> template.Node:
    node = wagtailimages_tags.image(parser, token)
    if hasattr(node, "get_filters"):  # srcset_image, picture: one filter per width
        filters = node.get_filters()
        node.get_filters = lambda: filters
        return node
    node = _ImageNode(node.image_expr, node.filter_specs, node.output_var_name, node.attrs)
    kept = node.get_filter()
    node.get_filter = lambda: kept
    return node


for _name in ("image", "srcset_image", "picture"):
    register.tag(_name, _keeping_filters)
