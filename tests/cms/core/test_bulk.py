"""On SQLite, a bulk change finds a page's subtree through an index that it keeps only while
it runs (readers' listings are faster without it); PostgreSQL has its own path index."""

import pytest
from django.db import connection
from wagtail.models import Page

from cms.core import bulk

pytestmark = pytest.mark.django_db


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        return " ".join(str(row) for row in cursor.fetchall())


def test_on_sqlite_subtrees_are_found_through_an_index_kept_only_for_the_change(section):
    subtree = Page.objects.descendant_of(section, inclusive=True)
    with bulk.bulk_change():
        during = plan_of(subtree)
    after = plan_of(subtree)
    assert (bulk.SUBTREE_INDEX in during) == (connection.vendor == "sqlite")
    assert bulk.SUBTREE_INDEX not in after
