"""Readers get WebP images in several widths (srcset with sizes), and never wait for one: the
renditions are made when the article is published."""

import json
import re

import pytest
from wagtail.images import get_image_model

from cms.demo.factories import ImageFactory
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"
Rendition = get_image_model().get_rendition_model()


def test_an_article_s_renditions_are_made_when_it_is_published(
    client, section, django_capture_on_commit_callbacks
):
    picture = ImageFactory(scene="river")
    body = [
        {
            "type": "image",
            "value": {
                "image": picture.pk,
                "alt_text": "Sông Hồng",
                "caption": "Sông Hồng",
                "credit": "TTXVN",
            },
        }
    ]
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section, slug="song-hong", body=json.dumps(body))
    made = Rendition.objects.count()
    assert Rendition.objects.filter(image=page.lead_image).count() == 4
    assert Rendition.objects.filter(image=picture).count() == 2
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    client.get(section.url, HTTP_HOST=HOST)
    assert Rendition.objects.count() == made, "a reader's request made a rendition"
    lead = re.search(r'<figure class="article__lead">\s*<img[^>]*>', html).group(0)
    # Two widths offered (the demo picture is 960 pixels wide: Wagtail never enlarges it).
    assert lead.count(".webp ") == 2 and 'sizes="(max-width: 60rem) 100vw, 60rem"' in lead
    assert re.search(r'srcset="[^"]*\.webp 480w, [^"]*\.webp 960w', html)
