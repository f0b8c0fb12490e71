"""Article body blocks render as readers see them: a paragraph is its text in a ``rich-text``
block, its links to pages expanded to their addresses."""

import pytest
from django.template import engines

from cms.blocks.blocks import ArticleStreamBlock
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db


def rendered(body: list) -> str:
    stream = ArticleStreamBlock().to_python(body)
    template = engines["django"].from_string(
        "{% load wagtailcore_tags %}{% for block in body %}{% include_block block %}{% endfor %}"
    )
    return template.render({"body": stream})


def test_a_paragraph_is_its_text_in_a_rich_text_block():
    html = rendered([{"type": "paragraph", "value": "<p>Hà Nội <b>đón</b> khách</p>"}])

    assert html == '<div class="rich-text"><p>Hà Nội <b>đón</b> khách</p></div>'


def test_a_paragraphs_link_to_a_page_leads_to_the_pages_address(section):
    story = article(section, slug="giao-thong")
    source = f'<p>Xem <a linktype="page" id="{story.pk}">bài</a></p>'

    html = rendered([{"type": "paragraph", "value": source}])

    assert f'<a href="{story.url}">bài</a>' in html
    assert "linktype" not in html
