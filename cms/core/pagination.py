"""Readers' listings split into pages, the one way every listing does it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from cms.core import page_files


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], size: int
) -> PaginatorPage:
    """The page of ``items`` that ``?page=`` asks for: the first for a number that is not
    one, the last for one past the end. The page shown is noted for the page files (a
    ``?page=`` that shows another page is not kept as a file)."""
    page = Paginator(items, size).get_page(request.GET.get("page"))
    page_files.mark_listing_page(request, page.number)
    return page
