"""Readers' listings split into pages, the one way every listing does it."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

from cms.core import page_files
from cms.core.chrome import FRAME_SECONDS, frame_generation


def kept_count(pages: QuerySet[Any]) -> int:
    """How many rows ``pages`` holds, kept in the cache under the frame generation: a listing
    of live pages changes length only with what moves it (a page published, unpublished,
    moved or deleted, a view restriction changed). Counting a long section reads thousands of
    rows; each listing is counted again after a publication, once."""
    sql, params = pages.query.sql_with_params()
    digest = hashlib.blake2b(f"{sql}\x00{params!r}".encode(), digest_size=16).hexdigest()
    key = f"pagination:count:{frame_generation()}:{digest}"
    count = cache.get(key)
    if count is None:
        count = pages.count()
        cache.set(key, count, FRAME_SECONDS)
    return count


class _LivePagesPaginator(Paginator):
    """A paginator of live pages that counts ``counted`` (the same rows, maybe asked for in a
    way the database counts faster) and keeps the count (``kept_count``)."""

    def __init__(self, items: QuerySet[Any] | Sequence[Any], size: int, counted: QuerySet[Any]):
        super().__init__(items, size)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return kept_count(self.counted)


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    size: int,
    *,
    live_pages: QuerySet[Any] | None = None,
) -> PaginatorPage:
    """The page of ``items`` that ``?page=`` asks for: the first for a number that is not
    one, the last for one past the end. The page shown is noted for the page files (a
    ``?page=`` that shows another page is not kept as a file). ``live_pages``: when ``items``
    are live pages, the same rows (maybe asked for in a way the database counts faster): their
    number changes only with a publication, unpublication, move or deletion of a page or a
    change of view restrictions, so it is counted once until one happens (``kept_count``)."""
    if live_pages is None:
        paginator = Paginator(items, size)
    else:
        paginator = _LivePagesPaginator(items, size, live_pages)
    page = paginator.get_page(request.GET.get("page"))
    page_files.mark_listing_page(request, page.number)
    return page
