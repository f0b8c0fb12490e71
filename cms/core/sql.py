"""Small SQL statements written once per process from the models' metadata, for the queries
every reader page asks: built and compiled through the ORM, each of them costs about ten times
what it takes to run. The values they read come back as the ORM reads them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.db.models.expressions import Col


def column(field: Any, table: str = "") -> str:
    """The quoted column of ``field`` (a concrete field), after ``table.`` when given."""
    name = connection.ops.quote_name(field.get_attname_column()[1])
    return f"{table}.{name}" if table else name


@dataclass(frozen=True)
class ReadColumns:
    """The columns of ``fields`` (of ``model``, or of the models it inherits from) read by
    such a statement, and how the ORM converts each value read from them: the database
    backend's converters, then the field's (a date stored as text in SQLite comes out as an
    aware datetime, a UUID as a UUID), found once. The fields are kept in the model's order,
    the order its instances are made in; a field left out is deferred, as with ``only()``."""

    model: type[models.Model]
    fields: list[models.Field]

    def __post_init__(self) -> None:
        order = {field: index for index, field in enumerate(self.model._meta.concrete_fields)}
        object.__setattr__(self, "fields", sorted(self.fields, key=order.__getitem__))

    @functools.cached_property
    def _converters(self) -> list[tuple[list, Col]]:
        found = []
        for field in self.fields:
            col = field.get_col(self.model._meta.db_table)
            converters = connection.ops.get_db_converters(col)
            found.append((converters + col.get_db_converters(connection), col))
        return found

    @functools.cached_property
    def _attnames(self) -> list[str]:
        return [field.attname for field in self.fields]

    @functools.cached_property
    def positions(self) -> dict[str, int]:
        """Where each field (by its attribute name) is among the columns read."""
        return {attname: index for index, attname in enumerate(self._attnames)}

    def value(self, row: tuple, index: int) -> Any:
        """The value of the ``index``-th column of ``row`` as the ORM gives it."""
        value = row[index]
        converters, col = self._converters[index]
        for convert in converters:
            value = convert(value, col, connection)
        return value

    def values(self, row: tuple) -> list:
        """The values of ``row`` as the ORM gives them."""
        converted = []
        for value, (converters, col) in zip(row, self._converters, strict=True):
            for convert in converters:
                value = convert(value, col, connection)
            converted.append(value)
        return converted

    def instance(self, row: tuple) -> Any:
        """The instance of ``model`` the ORM makes of ``row``."""
        return self.model.from_db(connection.alias, self._attnames, self.values(row))


class JoinedRows:
    """``SELECT`` of ``fields`` of ``model`` (from its table and the tables of the models it
    inherits from, which share its key) and of ``target_fields`` of the object its foreign key
    ``target`` points to (a left join), written once; ``instances`` makes the rows into
    instances with that object attached, as ``select_related`` attaches it. The statement
    ends before ``WHERE``: the caller adds its conditions, with its columns named
    ``table.column`` (``column(field, table(model))``); ``tables`` serves its subqueries."""

    def __init__(
        self,
        model: type[models.Model],
        fields: list[models.Field],
        target: str,
        target_fields: list[models.Field],
    ) -> None:
        link = model._meta.get_field(target)
        assert isinstance(link, models.ForeignKey) and link.related_model is not None
        self.link = link
        self.main = ReadColumns(model, fields)
        self.joined = ReadColumns(link.related_model, target_fields)
        own = table(model)
        #: The model's table joined with those of the models it inherits from.
        self.tables = own + "".join(
            f" INNER JOIN {table(parent)} ON {column(parent._meta.pk, table(parent))}"
            f" = {column(model._meta.pk, own)}"
            for parent in model._meta.get_parent_list()
        )
        related = self.joined.model
        columns = [
            *(column(field, table(field.model)) for field in self.main.fields),
            *(column(field, table(related)) for field in self.joined.fields),
        ]
        self.sql = (
            f"SELECT {', '.join(columns)} FROM {self.tables} LEFT OUTER JOIN {table(related)}"
            f" ON {column(related._meta.pk, table(related))} = {column(self.link, own)}"
        )

    def instances(self, rows: list[tuple]) -> list[Any]:
        """The instances made of ``rows`` read by ``sql``, each with its object attached
        (``None`` when the key is empty)."""
        return [self.instance(row) for row in rows]

    def instance(self, row: tuple) -> Any:
        """The instance made of one row read by ``sql``, with its object attached."""
        split = len(self.main.fields)
        instance = self.main.instance(row[:split])
        has_target = getattr(instance, self.link.attname) is not None
        target = self.joined.instance(row[split:]) if has_target else None
        self.link.set_cached_value(instance, target)
        return instance


def table(model: type[models.Model]) -> str:
    """The quoted table of ``model``."""
    return connection.ops.quote_name(model._meta.db_table)
