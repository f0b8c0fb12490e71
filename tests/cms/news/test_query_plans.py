"""A section's newest articles, which its listing and the edition's home show, are read newest
first and only as far as needed, and the listing counts its articles reading only the
section's rows, so neither page costs more as the archive grows; an article's related
articles likewise, and the listings of a topic's or an author's articles count them from the
topic's or the author's rows (asked for article by article, SQLite read every row of the
topic for every article of the edition: minutes at 100,000 articles); and an edition's
frame, built again after every publication, never reads the whole page tree. SQLite's plan
is fixed by the query's shape (it keeps no statistics here), so the test pins it; PostgreSQL
chooses by its statistics, and its plan only has to stop at the page's end."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.core.chrome import site_frame
from cms.news.models import (
    SECTION_PAGE_SIZE,
    ArticleAuthor,
    ArticlePage,
    ArticleTopic,
    Author,
    Topic,
    _bounded_by_tree_path,
    section_articles,
)
from tests.cms.helpers import article, explain, query_plan
from tests.cms.news.test_query_counts import grow_archive

pytestmark = pytest.mark.django_db


def assert_read_newest_first(plan: str) -> None:
    """The plan reads articles newest first through the publication date's index and stops
    at the limit (SQLite: no sort; PostgreSQL, which plans by its statistics: a limit)."""
    if connection.vendor == "sqlite":
        assert "news_articlepage_publication_date" in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:
        assert plan.startswith("('Limit"), plan


def count_query(client, url: str) -> tuple[str, str]:
    """The page at ``url`` and the query that counted its listing."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, HTTP_HOST="hanoimoi.localhost:8000").content.decode()
    return html, next(q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"])


def test_a_sections_newest_articles_are_read_through_the_publication_date_index(section):
    first = article(section, slug="bai-dau")
    grow_archive(section, 30, first.lead_image)
    request = RequestFactory().get("/vi/tin-tuc/", HTTP_HOST="hanoimoi.localhost:8000")
    newest = section_articles(section, request)[:SECTION_PAGE_SIZE]

    plan = query_plan(newest)

    assert len(newest) == SECTION_PAGE_SIZE
    assert_read_newest_first(plan)


def test_a_sections_articles_are_counted_through_the_path_index(client, section):
    first = article(section, slug="bai-dau")
    grow_archive(section, SECTION_PAGE_SIZE + 10, first.lead_image)

    html, count = count_query(client, "/vi/tin-tuc/")

    assert 'href="?page=2"' in html and 'href="?page=3"' not in html
    if connection.vendor == "sqlite":
        plan = explain(count)
        assert "(path>? AND path<?)" in plan, plan
        assert "SCAN news_articlepage" not in plan, plan


def test_the_last_possible_child_of_a_page_is_counted_by_its_path_prefix_alone(section):
    last = Page(path=section.path[: -Page.steplen] + "ZZZZ", depth=section.depth)
    articles = ArticlePage.objects.all()

    assert _bounded_by_tree_path(articles, last) is articles


def test_an_articles_related_articles_are_read_through_the_publication_date_index(channel, section):
    topic = Topic.objects.create(slug="hop-tac", name="Hợp tác", name_vi="Hợp tác")
    first = article(section, slug="bai-dau")
    grow_archive(section, 30, first.lead_image)
    for page in ArticlePage.objects.child_of(section):
        ArticleTopic.objects.create(page=page, topic=topic)
    request = RequestFactory().get(first.url, HTTP_HOST="hanoimoi.localhost:8000")

    with CaptureQueriesContext(connection) as queries:
        related = first.related_articles(request, [topic], channel.home_page, picks=[])

    assert len(related) > 1
    assert_read_newest_first(explain(queries.captured_queries[-1]["sql"]))


def test_a_homes_section_blocks_read_each_section_newest_first(channel, section):
    first = article(section, slug="bai-dau")
    grow_archive(section, 30, first.lead_image)
    request = RequestFactory().get("/vi/", HTTP_HOST="hanoimoi.localhost:8000")

    with CaptureQueriesContext(connection) as queries:
        blocks = channel.home_page.specific._section_blocks(request, [section], {first.pk})

    assert [len(stories) for _section, stories in blocks] == [4]
    plan = explain(queries.captured_queries[-1]["sql"])
    if connection.vendor == "sqlite":
        assert "SCAN news_articlepage USING COVERING INDEX news_articlepage_publication_da" in plan
        assert "SCAN wagtailcore_page" not in plan, plan
    else:
        assert "Limit" in plan, plan


def test_a_topics_and_an_authors_listings_count_from_their_rows(client, section):
    topic = Topic.objects.create(slug="hop-tac", name="Hợp tác", name_vi="Hợp tác")
    author = Author.objects.create(name="Nguyễn Văn An", locale=section.locale)
    first = article(section, slug="bai-dau")
    grow_archive(section, SECTION_PAGE_SIZE + 10, first.lead_image)
    for page in ArticlePage.objects.child_of(section):
        ArticleTopic.objects.create(page=page, topic=topic)
        ArticleAuthor.objects.create(page=page, author=author)

    for url in ("/vi/topics/hop-tac/", f"/vi/authors/{author.pk}/"):
        html, count = count_query(client, url)

        assert 'href="?page=2"' in html and 'href="?page=3"' not in html, url
        if connection.vendor == "sqlite":
            assert "CORRELATED" not in explain(count), explain(count)


def test_an_editions_frame_is_read_through_indexes(channel, section):
    """The frame (the section menu, "From the districts", the footer's info pages) is built
    again after every publication, so none of its queries may read the whole page tree."""
    first = article(section, slug="bai-dau")
    grow_archive(section, 5, first.lead_image)
    cache.clear()

    with CaptureQueriesContext(connection) as queries:
        frame = site_frame(channel.site, "vi")

    assert [page.pk for page in frame.sections] == [section.pk]
    assert frame.info_links
    if connection.vendor == "sqlite":
        for query in queries.captured_queries:
            plan = explain(query["sql"])
            assert not re.search(r"SCAN (wagtailcore_page|U\d+)\b", plan), plan
