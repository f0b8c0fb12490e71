"""Readers' listings split into pages, the one way every listing does it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

from cms.core import page_files


class _CountingPaginator(Paginator):
    """A paginator that counts another queryset holding the same rows."""

    def __init__(self, items: QuerySet[Any] | Sequence[Any], size: int, counted: QuerySet[Any]):
        super().__init__(items, size)
        self.counted = counted

    @cached_property
    def count(self) -> int:
        return self.counted.count()


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    size: int,
    counted: QuerySet[Any] | None = None,
) -> PaginatorPage:
    """The page of ``items`` that ``?page=`` asks for: the first for a number that is not
    one, the last for one past the end. The page shown is noted for the page files (a
    ``?page=`` that shows another page is not kept as a file). ``counted``: the same rows as
    ``items``, asked for in a way the database counts faster (it is only counted)."""
    if counted is None:
        paginator = Paginator(items, size)
    else:
        paginator = _CountingPaginator(items, size, counted)
    page = paginator.get_page(request.GET.get("page"))
    page_files.mark_listing_page(request, page.number)
    return page
