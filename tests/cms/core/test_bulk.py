"""A bulk change (thousands of pages changed by one operation) purges each site it touched
once, at its end, instead of computing every page's URLs; what it did is purged even when it
stops half-way."""

import pytest
from django.db import connection
from wagtail.models import Page

from cms.core import bulk
from cms.news.models import SectionPage
from sites.models import Channel
from tests.cms.core import purge_recorder
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
SITE = "http://hanoimoi.localhost:8000"
DISTRICT = "http://badinh.localhost:8000"


@pytest.fixture(autouse=True)
def recorder(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "record": {"BACKEND": "tests.cms.core.purge_recorder.RecordingBackend"}
    }
    purge_recorder.purged.clear()
    return purge_recorder.purged


def test_moves_and_unpublications_purge_each_site_once_when_the_change_ends(
    section, django_capture_on_commit_callbacks, recorder
):
    other = SectionPage.objects.sibling_of(section, inclusive=False).first()
    pages = [article(section, slug=f"tin-{n}") for n in range(3)]
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True), bulk.bulk_change():
        for page in pages[:2]:
            page.move(other, pos="last-child")
        Page.objects.get(pk=pages[2].pk).specific.unpublish()
        assert recorder == []
    assert recorder == [f"{SITE}/*"]


def test_a_change_that_stops_half_way_still_purges_what_it_did(
    section, django_capture_on_commit_callbacks, recorder
):
    district_section = SectionPage.objects.child_of(
        Channel.objects.get(slug="badinh").home_page
    ).first()
    page = article(section, slug="tin-chuyen")
    recorder.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        bulk.bulk_change(),
    ):
        page.move(district_section, pos="last-child")
        raise RuntimeError("stopped")
    assert sorted(recorder) == [f"{DISTRICT}/*", f"{SITE}/*"]


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
