"""On SQLite, a bulk change finds a page's subtree through an index that it keeps only while
it runs (readers' listings are faster without it); PostgreSQL has its own path index."""

import pytest
from django.db import connection
from wagtail.models import Page

from cms.core import bulk
from tests.cms.helpers import query_plan

pytestmark = pytest.mark.django_db


def test_on_sqlite_subtrees_are_found_through_an_index_kept_only_for_the_change(section):
    subtree = Page.objects.descendant_of(section, inclusive=True)
    with bulk.bulk_change():
        during = query_plan(subtree)
    after = query_plan(subtree)
    assert (bulk.SUBTREE_INDEX in during) == (connection.vendor == "sqlite")
    assert bulk.SUBTREE_INDEX not in after
