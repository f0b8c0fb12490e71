"""The image tags reader templates load (``reader_images``): Wagtail's own output, with each
tag's filters made once, when its template is compiled, rather than at every render; no
template of the project loads Wagtail's tags directly."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.template import engines
from wagtail.images.models import Filter

from cms.demo.factories import ImageFactory

pytestmark = pytest.mark.django_db

TAGS = (
    '{% srcset_image photo format-webp fill-{480x270,960x540} sizes="30rem" alt="" %}'
    "{% image photo fill-1200x630 format-jpeg as shared %}{{ shared.url }}"
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
