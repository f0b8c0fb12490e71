"""Reads every article page and every edition home makes, with SQL written once per process
(``cms.core.sql``): the article at an address, the cards of its related articles, and a home's
newest cards of each section.

Through the ORM each costs several times more to build and compile than to run. The
statements here are the ones the ORM would send (the same joins, conditions and order, so the
same plans: related articles and each section's newest are read newest first through the
publication date's index and stop at the few shown). The article's row becomes the instance
the ORM would make, its lead image attached; the cards' rows (only the columns a card needs,
``CARD_FIELDS``) are kept as read (``CardRow``), made into pages only when a card is not
already in memory."""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from django.db import connection, models
from django.db.models.expressions import Col
from django.db.models.query import BaseIterable
from django.http import HttpRequest

from cms.core.sql import JoinedRows, column, table
from cms.news.listings import CARD_FIELDS, CardRow, restricted_paths


def article_at(model: type[models.Model], home: Any, url_path: str) -> Any | None:
    """The live article of type ``model`` at ``url_path`` below ``home``, with its lead
    image, or ``None``."""
    rows, sql = _article_sql(model)
    params = [_prefix(home.path), url_path]
    found = rows.instances(_fetch(sql, params))
    return found[0] if found else None


def related_cards(
    model: type[models.Model],
    request: HttpRequest,
    article: Any,
    home: Any | None,
    *,
    translation_keys: Sequence = (),
    topics: Sequence = (),
    limit: int = 0,
) -> list[CardRow]:
    """Card rows (``CARD_FIELDS`` and the lead image's) of the live, public articles of type
    ``model`` other than ``article``, in its edition (below ``home``; without one, in its
    language): those whose translation key is one of ``translation_keys`` when given, in no
    particular order; otherwise the newest ``limit`` sharing one of ``topics``."""
    restricted = restricted_paths(request)
    sql = _related_sql(
        model, home is not None, len(restricted), len(translation_keys), len(topics), limit
    )
    params = [
        _prefix(home.path) if home is not None else article.locale_id,
        article.pk,
        *(_prefix(path) for path in restricted),
    ]
    if translation_keys:
        key = _field(model, "translation_key")
        params.extend(key.get_db_prep_value(value, connection) for value in translation_keys)
    else:
        params.extend(topic.pk for topic in topics)
    return _cards(model, sql, params)


def section_cards(
    model: type[models.Model],
    request: HttpRequest,
    sections: Sequence[Any],
    leaving_out: Collection[int],
    per_section: int,
) -> list[CardRow]:
    """Card rows of the newest ``per_section`` live, public articles of type ``model`` of each of
    ``sections`` (those below it), leaving out those with a key in ``leaving_out``, newest
    first: one query made of one "newest few" subquery per section."""
    if not sections:
        return []
    restricted = [_prefix(path) for path in restricted_paths(request)]
    sql = _sections_sql(model, len(sections), len(restricted), len(leaving_out), per_section)
    params: list = []
    for section in sections:
        params.extend([_prefix(section.path), section.depth, section.pk, *restricted])
        params.extend(leaving_out)
    params.extend(restricted)
    return _cards(model, sql, params)


def _cards(model: type[models.Model], sql: str, params: list) -> list[CardRow]:
    read = _card_rows(model)
    return [CardRow(row, read) for row in _fetch(sql, params)]


class CardRowIterable(BaseIterable):
    """Iterates over a queryset of articles as ``CardRow``s (``ArticleQuerySet.card_rows``):
    its statement's rows are kept as read, in the order of the card rows' columns (the
    queryset reads at least those: ``CARD_FIELDS`` and the lead image's, ``for_cards``)."""

    def __iter__(self) -> Iterator[CardRow]:
        queryset = self.queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        chunks = compiler.execute_sql(chunked_fetch=self.chunked_fetch, chunk_size=self.chunk_size)
        read = _card_rows(queryset.model)
        selected = {
            expression.target: index
            for index, (expression, _sql, _alias) in enumerate(compiler.select)
            if isinstance(expression, Col)
        }
        order = [selected[field] for field in [*read.main.fields, *read.joined.fields]]
        for rows in chunks:
            for row in rows:
                yield CardRow(tuple([row[index] for index in order]), read)


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _related(model: type[models.Model], name: str) -> type[models.Model]:
    related = model._meta.get_field(name).related_model  # a key's target, a link's rows
    assert isinstance(related, type)
    return related


def _column(model: type[models.Model], name: str) -> str:
    field = _field(model, name)
    return column(field, table(field.model))


def _starts_with(model: type[models.Model], name: str) -> str:
    """``name`` starts with the parameter (``_prefix``), as the ORM's ``startswith`` reads."""
    cast = connection.ops.lookup_cast("startswith", _field(model, name).get_internal_type())
    operator = connection.operators["startswith"]  # type: ignore[attr-defined]
    return f"{cast % _column(model, name)} {operator % '%s'}"


def _prefix(value: str) -> str:
    return connection.ops.prep_for_like_query(value) + "%"


def _image_fields(model: type[models.Model], names: Sequence[str] | None) -> list:
    image = _related(model, "lead_image")._meta
    if names is None:
        return list(image.concrete_fields)
    return [image.pk, *(image.get_field(name) for name in names)]


@functools.cache
def _article_sql(model: type[models.Model]) -> tuple[JoinedRows, str]:
    rows = JoinedRows(
        model, list(model._meta.concrete_fields), "lead_image", _image_fields(model, None)
    )
    # Unordered: an address names one page, and ordering by the tree path would cost more
    # than the lookup itself.
    sql = (
        f"{rows.sql} WHERE {_starts_with(model, 'path')} AND {_column(model, 'url_path')} = %s"
        f" AND {_column(model, 'live')} LIMIT 1"
    )
    return rows, sql


@functools.cache
def _card_rows(model: type[models.Model]) -> JoinedRows:
    meta = model._meta
    own = [name for name in CARD_FIELDS if "__" not in name]
    image = [name.split("__", 1)[1] for name in CARD_FIELDS if name.startswith("lead_image__")]
    return JoinedRows(
        model,
        [meta.pk, _field(model, "lead_image"), *(_field(model, name) for name in own)],
        "lead_image",
        _image_fields(model, image),
    )


@functools.lru_cache(maxsize=256)
def _related_sql(
    model: type[models.Model],
    in_edition: bool,
    restricted: int,
    keys: int,
    topics: int,
    limit: int,
) -> str:
    """The related articles' statement for this many restricted sections, translation keys
    and topics; its parameters are those ``related_cards`` passes, in that order."""
    pk = _column(model, model._meta.pk.name)
    conditions = [
        _starts_with(model, "path") if in_edition else f"{_column(model, 'locale')} = %s",
        f"NOT ({pk} = %s)",
        # The bare column, as the ORM writes it: compared with a parameter, SQLite would read
        # the whole page table and sort it, not the articles newest first.
        _column(model, "live"),
        *(f"NOT ({_starts_with(model, 'path')})" for _ in range(restricted)),
    ]
    if keys:
        marks = ", ".join(["%s"] * keys)
        conditions.append(f"{_column(model, 'translation_key')} IN ({marks})")
        tail = ""
    else:
        link = _related(model, "topics")
        page, topic = (_field(link, name) for name in ("page", "topic"))
        marks = ", ".join(["%s"] * topics)
        conditions.append(
            f"EXISTS(SELECT 1 FROM {table(link)} t WHERE {column(page, 't')} = {pk}"
            f" AND {column(topic, 't')} IN ({marks}) LIMIT 1)"
        )
        date = _column(model, "publication_date")
        tail = f" ORDER BY {date} DESC, {pk} DESC LIMIT {int(limit)}"
    return f"{_card_rows(model).sql} WHERE {' AND '.join(conditions)}{tail}"


@functools.lru_cache(maxsize=256)
def _sections_sql(
    model: type[models.Model], sections: int, restricted: int, leaving_out: int, per_section: int
) -> str:
    """The statement of ``section_cards`` for this many sections, restricted sections and
    articles left out. Each subquery has the tables of the outer query, which it names
    anew (the innermost names win), so it reads its own rows."""
    pk = _column(model, model._meta.pk.name)
    live = _column(model, "live")
    hidden = [f"NOT ({_starts_with(model, 'path')})"] * restricted
    newest = f"ORDER BY {_column(model, 'publication_date')} DESC, {pk} DESC"
    conditions = [
        _starts_with(model, "path"),  # below the section, as Wagtail's descendant_of asks
        f"{_column(model, 'depth')} >= %s",
        f"NOT ({pk} = %s)",
        live,
        *hidden,
    ]
    if leaving_out:
        conditions.append(f"NOT ({pk} IN ({', '.join(['%s'] * leaving_out)}))")
    subquery = (
        f"{pk} IN (SELECT {pk} FROM {_card_rows(model).tables}"
        f" WHERE {' AND '.join(conditions)} {newest} LIMIT {int(per_section)})"
    )
    outer = [f"({' OR '.join([subquery] * sections)})", live, *hidden]
    return f"{_card_rows(model).sql} WHERE {' AND '.join(outer)} {newest}"
