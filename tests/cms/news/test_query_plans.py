"""A section's newest articles, which its listing and the edition's home show, are read newest
first and only as far as needed, so neither page costs more as the archive grows. SQLite's plan
is fixed by the query's shape (it keeps no statistics here), so the test pins it; PostgreSQL
chooses by its statistics, and its plan only has to stop at the page's end."""

import pytest
from django.db import connection
from django.test import RequestFactory

from cms.news.models import SECTION_PAGE_SIZE, section_articles
from tests.cms.helpers import article, query_plan
from tests.cms.news.test_query_counts import grow_archive

pytestmark = pytest.mark.django_db


def test_a_sections_newest_articles_are_read_through_the_publication_date_index(section):
    first = article(section, slug="bai-dau")
    grow_archive(section, 30, first.lead_image)
    request = RequestFactory().get("/vi/tin-tuc/", HTTP_HOST="hanoimoi.localhost:8000")
    newest = section_articles(section, request)[:SECTION_PAGE_SIZE]

    plan = query_plan(newest)

    assert len(newest) == SECTION_PAGE_SIZE
    if connection.vendor == "sqlite":
        assert "news_articlepage_publication_date" in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:
        assert plan.startswith("('Limit"), plan
