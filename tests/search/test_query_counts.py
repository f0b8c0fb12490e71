"""The results page makes the same number of SQL queries for 2 or 10 results."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cms.helpers import article
from tests.conftest import HOST

pytestmark = pytest.mark.django_db


def queries_for(client, query: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/vi/search/", {"q": query}, HTTP_HOST=HOST)
    assert response.status_code == 200
    return len(captured), response.content.decode().count('class="search-result"')


def test_results_page_query_count_does_not_grow_with_results(client, search_engine, section):
    for n in range(2):
        article(section, title=f"Chùa Một Cột {n}", translated_to=["en"])
    for n in range(10):
        article(section, title=f"Văn Miếu {n}", translated_to=["en", "lo"])
    call_command("search_index", "rebuild", verbosity=0)
    queries_for(client, "warm-up")  # the first request creates the site's settings row
    few, shown_few = queries_for(client, "chùa một cột")
    many, shown_many = queries_for(client, "văn miếu")
    assert (shown_few, shown_many) == (2, 10)
    assert few == many <= 12
