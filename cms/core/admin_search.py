"""Wagtail's own search index (the admin's page search) during a bulk change.

Wagtail (modelsearch) updates that index on every save of an indexed object, as one task per
save. With the database backend on SQLite each update also recomputes a statistic over the whole
index table, so a reorganisation moving a large archive spent most of its time there, growing
with the archive; with the database task queue it would leave one task per page behind it.
Inside ``bulk_change()`` the saves are collected instead, and the objects are indexed in bulk,
in chunks, when the change ends, as they are then. Outside a bulk change nothing changes.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Model
from django.db.models.signals import post_save
from wagtail.search.apps import WagtailSearchAppConfig

from cms.core import bulk

logger = logging.getLogger(__name__)
CHUNK = 500


class AdminSearchConfig(WagtailSearchAppConfig):
    """``wagtail.search`` whose save handler defers to a bulk change under way."""

    def ready(self) -> None:
        from modelsearch import index, signal_handlers

        super().ready()
        for model in index.get_indexed_models():
            if post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model):
                post_save.connect(_saved, sender=model)


def _saved(instance: Model, **kwargs) -> None:
    from modelsearch import signal_handlers
    from wagtail.models import Page

    change = bulk.current()
    if change is None or kwargs.get("raw", False):
        signal_handlers.post_save_signal_handler(instance, **kwargs)
        return
    model = Page if isinstance(instance, Page) else type(instance)
    change.collect(index_in_bulk, [(model, instance.pk)])


def index_in_bulk(items: set[tuple[type[Model], int]]) -> None:
    """Index the objects ``items`` names ((model, primary key) pairs) as they are now, a chunk
    at a time; pages as their specific type."""
    from modelsearch import index
    from wagtail.models import Page

    keys: dict[type[Model], list[int]] = defaultdict(list)
    for model, pk in items:
        keys[model].append(pk)
    chunks: list[Iterable[Model]] = [
        Page.objects.filter(pk__in=chunk).specific() for chunk in _chunks(keys.pop(Page, []))
    ]
    for model, pks in keys.items():
        chunks += [model._default_manager.filter(pk__in=chunk) for chunk in _chunks(pks)]
    for objects in chunks:
        by_type: dict[type[Model], list[Model]] = defaultdict(list)
        for obj in objects:
            if index.class_is_indexed(type(obj)):
                by_type[type(obj)].append(obj)
        for indexed_model, indexed in by_type.items():
            _add(indexed_model, indexed)


def _chunks(pks: list[int]) -> list[list[int]]:
    pks = sorted(pks)
    return [pks[start : start + CHUNK] for start in range(0, len(pks), CHUNK)]


def _add(model: type[Model], objects: list[Model]) -> None:
    from modelsearch.backends import get_search_backends_with_name

    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, objects)
        except Exception:
            # As Wagtail does per object: an external engine's failure is logged, a database
            # backend's is raised (its transaction is broken anyway).
            logger.exception("Bulk indexing %s in the '%s' search backend failed", model, name)
            if not backend.catch_indexing_errors:
                raise
