"""Statements written once from the models' metadata read values back as the ORM reads them:
fields given in any order make the instance the ORM would, those left out deferred; a joined
object comes attached, as ``select_related`` attaches it, or ``None`` for an empty key."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from cms.core.sql import JoinedRows, ReadColumns, column, table

pytestmark = pytest.mark.django_db


def test_fields_given_in_any_order_make_the_instance_the_orm_would():
    meta = Page._meta
    read = ReadColumns(Page, [meta.get_field("slug"), meta.pk, meta.get_field("title")])

    page = read.instance((7, "Trang chủ", "trang-chu"))  # a row read in that order

    assert [field.name for field in read.fields] == ["id", "title", "slug"]
    assert (page.pk, page.title, page.slug) == (7, "Trang chủ", "trang-chu")
    assert "path" in page.get_deferred_fields()


def test_joined_rows_attach_the_object_the_key_points_to():
    meta = Page._meta
    rows = JoinedRows(
        Page,
        [meta.get_field("title"), meta.pk, meta.get_field("locale")],
        "locale",
        list(Locale._meta.concrete_fields),
    )
    expected = list(Page.objects.select_related("locale").exclude(depth=1).order_by("path")[:3])

    with connection.cursor() as cursor:
        cursor.execute(
            f"{rows.sql} WHERE {column(meta.get_field('depth'), table(Page))} > 1"
            f" ORDER BY {column(meta.get_field('path'), table(Page))} LIMIT 3"
        )
        found = rows.instances(cursor.fetchall())

    with CaptureQueriesContext(connection) as queries:
        assert [(page.pk, page.title) for page in found] == [(p.pk, p.title) for p in expected]
        assert [page.locale.language_code for page in found] == [
            page.locale.language_code for page in expected
        ]
    assert len(queries) == 0


def test_an_empty_key_attaches_none():
    meta = Page._meta
    rows = JoinedRows(Page, [meta.pk, meta.get_field("owner")], "owner", [])
    root = Page.objects.get(depth=1)
    assert root.owner_id is None

    with connection.cursor() as cursor:
        cursor.execute(f"{rows.sql} WHERE {column(meta.pk, table(Page))} = %s", [root.pk])
        (found,) = rows.instances(cursor.fetchall())

    with CaptureQueriesContext(connection) as queries:
        assert found.owner is None
    assert len(queries) == 0
