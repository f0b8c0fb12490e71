"""The image tags reader templates load (``reader_images``): Wagtail's own output, with each
tag's filters made once, when its template is compiled, rather than at every render; no
template of the project loads Wagtail's tags directly; a rendition loaded with the page is taken
as it is, never written back to the rendition cache."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.template import engines
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from cms.demo.factories import ImageFactory

pytestmark = pytest.mark.django_db

TAGS = (
    '{% srcset_image photo format-webp fill-{480x270,960x540} sizes="30rem" alt="" %}'
    "{% image photo fill-1200x630 format-jpeg as shared %}{{ shared.url }}"
    '{% image photo width-300 class="photo" alt="" %}'
    '{% picture photo format-{avif,webp} width-400 alt="" %}'
)


def render(library: str, image) -> str:
    template = engines["django"].from_string("{% load " + library + " %}" + TAGS)
    return template.render({"photo": image})


def test_the_tags_render_as_wagtails_own():
    image = ImageFactory(scene="river")

    assert render("reader_images", image) == render("wagtailimages_tags", image)


def test_each_tag_makes_its_filters_once_whatever_the_renders():
    image = ImageFactory(scene="river")
    template = engines["django"].from_string("{% load reader_images %}" + TAGS)
    template.render({"photo": image})  # the renditions are made, as on first publication

    with mock.patch.object(Filter, "__init__", autospec=True, side_effect=Filter.__init__) as made:
        for _ in range(3):
            template.render({"photo": image})

    assert made.call_count == 0


def test_no_template_of_the_project_loads_wagtails_image_tags_directly():
    root = Path(__file__).resolve().parents[3]
    templates = [p for folder in ("cms", "sites") for p in (root / folder).rglob("*.html")]
    loading = [
        str(p.relative_to(root))
        for p in templates
        if re.search(r"{%\s*load\b[^%]*\bwagtailimages_tags\b", p.read_text(encoding="utf-8"))
    ]

    assert len(templates) > 50
    assert loading == []


def test_a_rendition_loaded_with_the_page_is_not_written_back_to_the_rendition_cache():
    image = ImageFactory(scene="river")
    render("reader_images", image)  # the renditions are made, as on first publication
    loaded = get_image_model().objects.prefetch_related("renditions").get(pk=image.pk)
    rendition_cache = image.get_rendition_model().cache_backend

    with (
        mock.patch.object(rendition_cache, "set") as written,
        mock.patch.object(rendition_cache, "set_many") as written_many,
    ):
        html = render("reader_images", loaded)

    assert html == render("wagtailimages_tags", image)
    assert written.call_count == written_many.call_count == 0
