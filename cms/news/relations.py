"""An article's byline, topics and editors' choice of related articles, read in one query.

They are three inline tables of the article (its authors, its topics, its chosen related
articles). Asked for through the ORM they cost three queries, and each costs far more to build
and compile than to run. Here they are one ``UNION ALL`` of the three, written once per
process from the models' metadata (``cms.core.sql``). The rows become model instances the way
the ORM makes them, so translated fields (a topic's name in the reader's language) behave as
they do everywhere else.

A preview holds the article's relations as edited, in memory, not yet in the database: it
reads them through the page's own relation managers."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.apps import apps
from django.db import connection, models
from django.http import HttpRequest

from cms.core.sql import ReadColumns, column, table

# The three kinds of row, in the order they are returned.
_AUTHOR, _TOPIC, _PICK = 0, 1, 2


class ArticleRelations(NamedTuple):
    """What an article's page shows besides its own fields."""

    authors: list[models.Model]
    topics: list[models.Model]
    #: The translation keys of the articles editors chose, in their order.
    picks: list[uuid.UUID]


def article_relations(page: Any, request: HttpRequest) -> ArticleRelations:
    """The authors, topics and chosen related articles of the article ``page``, each in the
    editors' order."""
    if getattr(request, "is_preview", False) or page.pk is None:
        return ArticleRelations(
            authors=[link.author for link in page.authors.all() if link.author_id],
            topics=[link.topic for link in page.topics.all() if link.topic_id],
            picks=[
                link.related.translation_key for link in page.related_pages.all() if link.related_id
            ],
        )
    query = _query(page._meta.label)
    with connection.cursor() as cursor:
        cursor.execute(query.sql, [page.pk] * 3)
        rows = cursor.fetchall()
    found = ArticleRelations([], [], [])
    authors_end = 3 + len(query.authors.fields)
    topics_end = authors_end + len(query.topics.fields)
    for row in rows:
        if row[0] == _AUTHOR:
            found.authors.append(query.authors.instance(row[3:authors_end]))
        elif row[0] == _TOPIC:
            found.topics.append(query.topics.instance(row[authors_end:topics_end]))
        else:
            found.picks.append(query.pick.values(row[-1:])[0])
    return found


class _Query(NamedTuple):
    authors: ReadColumns
    topics: ReadColumns
    pick: ReadColumns
    sql: str


@dataclass(frozen=True)
class _Branch:
    """One of the three relations: its inline table, the foreign key that links each row,
    and the table its columns are read from, joined on that table's key (a page's
    translation key lies in Wagtail's page table, which shares its key with the article's)."""

    kind: int
    link: type[models.Model]
    target: str
    read: type[models.Model]
    columns: list[str]

    def select(self) -> str:
        link, read = self.link._meta, self.read._meta
        return (
            f"SELECT {self.kind}, {column(link.get_field('sort_order'), 'l')}, "
            f"{column(link.pk, 'l')}, "
            + ", ".join(self.columns)
            + f" FROM {table(self.link)} l INNER JOIN {table(self.read)} x"
            f" ON {column(read.pk, 'x')} = {column(link.get_field(self.target), 'l')}"
            f" WHERE {column(link.get_field('page'), 'l')} = %s"
        )


@functools.cache
def _query(page_model: str) -> _Query:
    """The SQL of the three relations of the article type labelled ``page_model`` (made once
    per process): each row is its kind, the link's order and id, then the author's columns,
    the topic's columns and the chosen article's translation key, the others ``NULL``."""
    links = {
        name: apps.get_model(page_model)._meta.get_field(name).related_model
        for name in ("authors", "topics", "related_pages")
    }
    author_model = links["authors"]._meta.get_field("author").related_model
    topic_model = links["topics"]._meta.get_field("topic").related_model
    picked_model = links["related_pages"]._meta.get_field("related").related_model
    author_fields = list(author_model._meta.concrete_fields)
    topic_fields = list(topic_model._meta.concrete_fields)
    pick_field = picked_model._meta.get_field("translation_key")

    def columns(fields: list[models.Field]) -> list[str]:
        return [column(field, "x") for field in fields]

    def nulls(fields: list[models.Field]) -> list[str]:
        # Typed: PostgreSQL would take two untyped NULLs for text, which a UUID cannot join.
        return [f"CAST(NULL AS {field.cast_db_type(connection)})" for field in fields]

    branches = (
        _Branch(
            _AUTHOR,
            links["authors"],
            "author",
            author_model,
            [*columns(author_fields), *nulls(topic_fields), *nulls([pick_field])],
        ),
        _Branch(
            _TOPIC,
            links["topics"],
            "topic",
            topic_model,
            [*nulls(author_fields), *columns(topic_fields), *nulls([pick_field])],
        ),
        _Branch(
            _PICK,
            links["related_pages"],
            "related",
            pick_field.model,
            [*nulls(author_fields), *nulls(topic_fields), *columns([pick_field])],
        ),
    )
    sql = " UNION ALL ".join(branch.select() for branch in branches) + " ORDER BY 1, 2, 3"
    return _Query(
        ReadColumns(author_model, author_fields),
        ReadColumns(topic_model, topic_fields),
        ReadColumns(pick_field.model, [pick_field]),
        sql,
    )
