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
    """The columns of ``fields`` (all of ``model``) read by such a statement, and how the ORM
    converts each value read from them: the database backend's converters, then the
    field's (a date stored as text in SQLite comes out as an aware datetime, a UUID as a
    UUID), found once."""

    model: type[models.Model]
    fields: list[models.Field]

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
