"""Rendering home, section and article pages takes a fixed number of SQL queries, whatever the
size of the archive and the length of the article, within a budget of twelve (caches empty
except what every page of an edition shares: the site, its frame and the chrome's fragments;
a listing's count of its articles is asked for)."""

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.core.chrome import invalidate_frames
from cms.demo.factories import ImageFactory
from cms.news.models import (
    ArticlePage,
    ArticleRelatedPage,
    ArticleTopic,
    HomeFeaturedArticle,
    SectionFeaturedArticle,
    Topic,
)
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"
QUERY_BUDGET = 12


def queries_for(client, url: str) -> int:
    """The queries of ``url`` with what its edition's pages share warm, and a listing's count
    of its articles not: served once (its renditions, made on publication, are then made),
    then the frames are retired as by a publication and the edition's home is served."""
    client.get(url, HTTP_HOST=HOST)
    invalidate_frames()
    client.get("/" + urlsplit(url).path.strip("/").split("/")[0] + "/", HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return len(captured)


def grow_archive(section, count: int, image) -> None:
    """Add ``count`` published articles cheaply (no revisions: only the archive size matters)."""
    now = timezone.now()
    for n in range(count):
        section.add_child(
            instance=ArticlePage(
                title=f"Lưu trữ {n}",
                slug=f"luu-tru-{n}",
                standfirst="Bài lưu trữ.",
                body="[]",
                lead_image=image,
                lead_image_alt="Ảnh lưu trữ",
                live=True,
                first_published_at=now,
                publication_date=now - dt.timedelta(days=30 + n),
            )
        )
    invalidate_frames()  # as a publication does (these inserts send no signal)


def body_with(paragraphs: int, images: list) -> str:
    """A body of ``paragraphs`` paragraphs, one image block per image and a gallery of all."""
    stream = [{"type": "paragraph", "value": f"<p>Đoạn {n}.</p>"} for n in range(paragraphs)]
    for image in images:
        stream.append(
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Ảnh", "caption": "", "credit": ""},
            }
        )
    items = [
        {"image": image.pk, "alt_text": "Ảnh", "caption": "", "credit": ""} for image in images
    ]
    stream.append({"type": "gallery", "value": {"title": "", "images": items}})
    return json.dumps(stream)


def test_query_counts_do_not_grow_with_the_archive(client, channel, section):
    topic = Topic.objects.create(slug="hop-tac", name="Hợp tác", name_vi="Hợp tác")
    related = article(section, slug="lien-quan", translated_to=["en"])
    articles = [article(section, slug=f"bai-{n}", translated_to=["en"]) for n in range(9)]
    featured = articles[0]
    ArticleRelatedPage.objects.create(page=featured, related=related, sort_order=0)
    for page in articles[1:]:
        ArticleTopic.objects.create(page=page, topic=topic)
    HomeFeaturedArticle.objects.create(
        page=channel.home_page.specific, article=articles[3], sort_order=0
    )
    SectionFeaturedArticle.objects.create(page=section, article=articles[4], sort_order=0)
    english = articles[5].get_translation(
        articles[5].locale.__class__.objects.get(language_code="en")
    )
    urls = [
        "/vi/",
        "/vi/tin-tuc/",
        "/vi/tin-tuc/?page=2",
        featured.url,
        articles[2].url,
        "/en/",
        "/en/tin-tuc/",
        english.url,
        "/lo/",
        "/lo/tin-tuc/",
        "/vi/topics/hop-tac/",
    ]

    small = {url: queries_for(client, url) for url in urls}
    grow_archive(section, 990, featured.lead_image)
    assert ArticlePage.objects.child_of(section).count() == 1000
    large = {url: queries_for(client, url) for url in urls}

    assert large == small
    assert max(small.values()) <= QUERY_BUDGET, small


def test_a_long_article_takes_as_many_queries_as_a_short_one(client, section):
    pictures = [ImageFactory(scene="river") for _ in range(8)]
    short = article(section, slug="ngan", body=body_with(1, pictures[:2]), translated_to=["en"])
    long = article(section, slug="dai", body=body_with(120, pictures), translated_to=["en"])
    counts = {page.url: queries_for(client, page.url) for page in (short, long)}
    assert len(set(counts.values())) == 1, counts
    assert max(counts.values()) <= QUERY_BUDGET, counts
