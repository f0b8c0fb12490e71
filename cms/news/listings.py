"""Query helpers for reader pages that keep each render to a fixed number of queries: view
restrictions read once per request, and the renditions of every image on a page in one query,
made into instances only when a template asks for them."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.http import HttpRequest
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from cms.core.sql import JoinedRows, ReadColumns, column, table

# The renditions the templates ask for (``srcset``: one per width), made when an article is
# published (cms.news.renditions) and loaded with each page; spelt as Wagtail expands the
# templates' ``srcset_image`` tags.
CARD_RENDITIONS = ("format-webp|fill-480x270", "format-webp|fill-960x540")
# The lead picture offers the same widths: a wider one would repeat 960w whenever the original
# is narrower than 1,440 px (Wagtail does not enlarge), which is an invalid srcset.
LEAD_RENDITIONS = CARD_RENDITIONS
SHARE_RENDITION = "fill-1200x630|format-jpeg"
BLOCK_RENDITIONS = ("format-webp|width-480", "format-webp|width-960")

#: What a card shows and links to, and what finds its picture: the rest of an article's row
#: (its body, its SEO and admin fields) is left unread.
CARD_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "locale",
    "translation_key",
    "content_type",
    "live",
    "publication_date",
    "standfirst",
    *(
        f"lead_image__{field}"
        for field in (
            "title",
            "description",
            "file",
            "width",
            "height",
            "focal_point_x",
            "focal_point_y",
            "focal_point_width",
            "focal_point_height",
        )
    ),
)


def restricted_paths(request: HttpRequest) -> tuple[str, ...]:
    """Tree paths of the pages under a view restriction (private sections), read once per
    request: every listing on the page excludes what lies under them."""
    paths = getattr(request, "_restricted_paths", None)
    if paths is None:
        with connection.cursor() as cursor:
            cursor.execute(_restricted_paths_sql())
            paths = tuple(path for (path,) in cursor.fetchall())
        request._restricted_paths = paths  # type: ignore[attr-defined]
    return paths


@functools.cache
def _restricted_paths_sql() -> str:
    restriction, page = PageViewRestriction._meta, Page._meta
    return (
        f"SELECT {column(page.get_field('path'), table(Page))}"
        f" FROM {table(PageViewRestriction)} INNER JOIN {table(Page)}"
        f" ON {column(page.pk, table(Page))}"
        f" = {column(restriction.get_field('page'), table(PageViewRestriction))}"
    )


def attach_renditions(pages: Iterable, *specs: str) -> None:
    """Load the renditions ``specs`` of the lead images of ``pages`` (pages, their images
    come with them through ``select_related``, or card rows) in one query: handed to Wagtail
    as each picture's prefetched ones, or kept with a card row for when its page is made.
    Every page with pictures asks, so the SQL is written once per process
    (``cms.core.sql``)."""
    pictured: dict[int, list] = {}
    for page in pages:
        if page is not None and page.lead_image_id:
            pictured.setdefault(page.lead_image_id, []).append(page)
    if not pictured:
        return
    by_image: dict[int, list] = defaultdict(list)
    read, sql = _renditions_sql(len(pictured), len(specs))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*specs, *pictured])
        for row in cursor.fetchall():
            by_image[row[read.image]].append(row)
    for image_id, found in pictured.items():
        for page in found:
            renditions = LoadedRenditions(by_image[image_id], read)
            if isinstance(page, CardRow):
                page.renditions = renditions
            elif page.lead_image is not None:
                renditions.attach(page.lead_image)


class CardRow:
    """An article as a listing reads it: one row of its card's columns (``CARD_FIELDS``) and
    its picture's, as ``JoinedRows`` reads them. Its fields are read as attributes, each
    converted as the ORM converts it when asked for; the page (with its picture and the
    renditions loaded for it) is made only when something needs more than a field, since a
    card kept in memory is found by its row alone and making the page and the picture costs
    several times more than reading them."""

    __slots__ = ("_page", "_read", "renditions", "row")

    def __init__(self, row: tuple, read: JoinedRows) -> None:
        self.row = row
        #: The picture's renditions, once ``attach_renditions`` has loaded them.
        self.renditions: LoadedRenditions | None = None
        self._read = read
        self._page: Any = None

    def __getattr__(self, name: str) -> Any:
        main = self._read.main
        index = main.positions.get(name)
        if index is None:
            raise AttributeError(name)
        return main.value(self.row, index)

    @property
    def pk(self) -> Any:
        return getattr(self, self._read.main.model._meta.pk.attname)

    @property
    def page(self) -> Any:
        """The page made of the row, its picture attached with its loaded renditions."""
        if self._page is None:
            self._page = self._read.instance(self.row)
            if self.renditions is not None and self._page.lead_image is not None:
                self.renditions.attach(self._page.lead_image)
        return self._page

    def get_url(self, request: HttpRequest | None = None) -> str | None:
        """The page's address, as Wagtail gives it."""
        return self.page.get_url(request=request)


class LoadedRenditions:
    """The renditions of one picture as ``attach_renditions`` read them, handed to Wagtail as
    prefetched: made into instances (each with its picture attached) only when Wagtail's tags
    look through them, since a card kept in memory needs only their specs and files
    (``files``), and making a rendition costs several times more than reading it."""

    def __init__(self, rows: list[tuple], read: _RenditionColumns) -> None:
        self._rows, self._read = rows, read
        self._image: Any = None
        self._instances: list | None = None

    def attach(self, image: Any) -> None:
        """Hand these renditions to ``image`` as its prefetched ones."""
        self._image = image
        image.prefetched_renditions = self

    def files(self, specs: Iterable[str]) -> tuple[str, ...]:
        """The files of the renditions of ``specs``, in order, without making any."""
        wanted = set(specs)
        read = self._read
        if self._instances is not None:
            return tuple(sorted(r.file.name for r in self._instances if r.filter_spec in wanted))
        return tuple(sorted(row[read.file] for row in self._rows if row[read.spec] in wanted))

    def _made(self) -> list:
        if self._instances is None:
            self._instances = [self._read.instance(row) for row in self._rows]
            for rendition in self._instances:
                rendition.image = self._image
        return self._instances

    def __iter__(self) -> Iterator:
        return iter(self._made())

    def __len__(self) -> int:
        return len(self._rows) if self._instances is None else len(self._instances)

    def append(self, rendition: Any) -> None:
        """Wagtail keeps a rendition it has just made with the picture's prefetched ones."""
        self._made().append(rendition)


@dataclass(frozen=True)
class _RenditionColumns:
    """The rendition table's columns as read, and where the picture, the spec and the file
    are among them."""

    read: ReadColumns
    image: int
    spec: int
    file: int

    def instance(self, row: tuple) -> Any:
        return self.read.instance(row)


@functools.lru_cache(maxsize=256)
def _renditions_sql(images: int, specs: int) -> tuple[_RenditionColumns, str]:
    """The renditions of so many filter specs of so many images (the parameters: the specs,
    then the images' keys)."""
    model = get_image_model().get_rendition_model()
    meta = model._meta
    columns_read = ReadColumns(model, list(meta.concrete_fields))
    read = _RenditionColumns(
        columns_read,
        *(columns_read.fields.index(meta.get_field(n)) for n in ("image", "filter_spec", "file")),
    )
    columns = ", ".join(column(field, table(model)) for field in columns_read.fields)
    spec, image = (column(meta.get_field(name), table(model)) for name in ("filter_spec", "image"))
    sql = (
        f"SELECT {columns} FROM {table(model)} WHERE {spec} IN ({', '.join(['%s'] * specs)})"
        f" AND {image} IN ({', '.join(['%s'] * images)})"
    )
    return read, sql
