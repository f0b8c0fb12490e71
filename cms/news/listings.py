"""Query helpers for reader pages that keep each render to a fixed number of queries: view
restrictions read once per request, and the renditions of every image on a page in one query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.http import HttpRequest
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

# The renditions the templates ask for (``srcset``: one per width), made when an article is
# published (cms.news.renditions) and loaded with each page; spelt as Wagtail expands the
# templates' ``srcset_image`` tags.
CARD_RENDITIONS = ("format-webp|fill-480x270", "format-webp|fill-960x540")
# The lead picture offers the same widths: a wider one would repeat 960w whenever the original
# is narrower than 1,440 px (Wagtail does not enlarge), which is an invalid srcset.
LEAD_RENDITIONS = CARD_RENDITIONS
SHARE_RENDITION = "fill-1200x630|format-jpeg"
BLOCK_RENDITIONS = ("format-webp|width-480", "format-webp|width-960")

#: What a card shows and links to, and what finds its picture: the rest of an article's row
#: (its body, its SEO and admin fields) is left unread.
CARD_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "locale",
    "translation_key",
    "content_type",
    "live",
    "publication_date",
    "standfirst",
    *(
        f"lead_image__{field}"
        for field in (
            "title",
            "description",
            "file",
            "width",
            "height",
            "focal_point_x",
            "focal_point_y",
            "focal_point_width",
            "focal_point_height",
        )
    ),
)


def restricted_paths(request: HttpRequest) -> tuple[str, ...]:
    """Tree paths of the pages under a view restriction (private sections), read once per
    request: every listing on the page excludes what lies under them."""
    paths = getattr(request, "_restricted_paths", None)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        request._restricted_paths = paths  # type: ignore[attr-defined]
    return paths


def attach_renditions(pages: Iterable, *specs: str) -> None:
    """Load the renditions ``specs`` of the lead images of ``pages`` in one query and hand them
    to Wagtail as prefetched (images must come with their page, ``select_related``)."""
    images: dict[int, list] = {}
    for page in pages:
        if page is not None and page.lead_image_id and page.lead_image is not None:
            images.setdefault(page.lead_image_id, []).append(page.lead_image)
    if not images:
        return
    by_image: dict[int, list] = defaultdict(list)
    renditions = get_image_model().get_rendition_model().objects
    for rendition in renditions.filter(image_id__in=images, filter_spec__in=specs):
        by_image[rendition.image_id].append(rendition)
    for image_id, instances in images.items():
        for image in instances:
            found = list(by_image[image_id])
            for rendition in found:
                rendition.image = image
            image.prefetched_renditions = found
