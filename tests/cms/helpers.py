"""Helpers for the CMS apps' tests: reader pages and the queries behind them."""

from __future__ import annotations

from django.db import connection
from wagtail.models import Locale

from cms.demo.factories import ArticlePageFactory, ImageFactory
from cms.news.models import SectionPage
from sites.models import Channel


def article(section, *, translated_to=(), **kwargs):
    """A published article with a lead image in ``section``."""
    kwargs.setdefault("lead_image", ImageFactory(scene="river"))
    kwargs.setdefault("lead_image_alt", "Sông Hồng lúc hoàng hôn")
    return ArticlePageFactory(parent=section, translated_to=translated_to, **kwargs)


def sections_of(channel: str):
    """The sections under the home of the channel with slug ``channel``."""
    return SectionPage.objects.child_of(Channel.objects.get(slug=channel).home_page)


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def query_plan(queryset) -> str:
    """The database's plan for ``queryset`` as one string (SQLite's ``EXPLAIN QUERY PLAN``,
    PostgreSQL's ``EXPLAIN``)."""
    return explain(*queryset.query.sql_with_params())


def explain(sql: str, params: tuple | None = None) -> str:
    """The database's plan for ``sql`` as one string. A query captured as it ran has its
    parameters written in, so it is passed without any: the driver must not read its ``%``
    signs (a ``LIKE`` pattern's) as placeholders."""
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return " ".join(str(row) for row in cursor.fetchall())
