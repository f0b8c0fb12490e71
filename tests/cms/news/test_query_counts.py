"""Rendering home, section and article pages takes a fixed number of SQL queries, whatever
the size of the archive."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.news.models import ArticlePage
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"
QUERY_BUDGET = 30


def queries_for(client, url: str) -> int:
    client.get(url, HTTP_HOST=HOST)  # warm the per-process site-root cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
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


def test_query_counts_do_not_grow_with_the_archive(client, section):
    related = article(section, slug="lien-quan", translated_to=["en"])
    articles = [article(section, slug=f"bai-{n}", translated_to=["en"]) for n in range(9)]
    featured = articles[0]
    featured.related_pages.create(related=related)
    featured.save_revision().publish()
    urls = ["/vi/", "/vi/tin-tuc/", "/vi/tin-tuc/?page=2", featured.url, "/en/", "/en/tin-tuc/"]

    small = {url: queries_for(client, url) for url in urls}
    grow_archive(section, 990, featured.lead_image)
    assert ArticlePage.objects.child_of(section).count() == 1000
    large = {url: queries_for(client, url) for url in urls}

    assert large == small
    assert max(small.values()) <= QUERY_BUDGET, small
