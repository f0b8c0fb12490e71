"""From pages to search documents, and the queue that keeps the index in sync."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from cms.news.models import SectionPage
from cms.syndication.models import Syndication, SyndicationPage
from search.documents import PageDocument
from search.engines import EngineUnavailable, get_engine
from search.models import PendingUpdate
from sites.models import Channel

logger = logging.getLogger(__name__)

#: Page types that organise content rather than being content: never search results.
CONTAINER_TYPES = {"news.homepage", "news.sectionpage", "news.directorypage"}
SUMMARY_FIELDS = ("standfirst", "summary", "search_description")
DATE_FIELDS = ("publication_date", "date", "first_published_at")
BATCH = 200
MAX_RETRY_DELAY = 300


def is_indexable(page: Page) -> bool:
    """Content pages only, live, in a site, without a view restriction."""
    if f"{page._meta.app_label}.{page._meta.model_name}" in CONTAINER_TYPES or page.depth < 3:
        return False
    return page.live and not page.get_view_restrictions().exists()


def body_text(page: Page) -> str:
    """The searchable text of every StreamField and rich text field of ``page``."""
    parts = []
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            parts.extend(field.get_searchable_content(getattr(page, field.name)))
        elif isinstance(field, RichTextField):
            parts.append(strip_tags(getattr(page, field.name) or ""))
    return "\n".join(str(part) for part in parts if part)


def _image_url(page: Page) -> str:
    image = getattr(page, "lead_image", None)
    if image is None:
        return ""
    try:
        return image.get_rendition("fill-320x180").url
    except SourceImageIOError:
        logger.warning("search: lead image file of page %s is missing", page.pk)
        return ""


class Syndications:
    """Which pages other sites show (syndicated articles, on every site with a live "From the
    districts" page): read once, for one document or a whole pass over the index."""

    def __init__(self) -> None:
        self.keys = set(Syndication.objects.values_list("article__translation_key", flat=True))
        self._hosts: list[str] | None = None

    @property
    def hosts(self) -> list[str]:
        if self._hosts is None:
            channels = (Channel.objects.for_page(p) for p in SyndicationPage.objects.live())
            self._hosts = sorted({channel.slug for channel in channels if channel is not None})
        return self._hosts

    def also_on(self, page: Page) -> list[str]:
        """The sites that show ``page`` besides its own (which may be among them)."""
        return self.hosts if page.translation_key in self.keys else []


def document_for(page: Page, syndications: Syndications) -> PageDocument | None:
    """The search document of ``page``, or None if readers cannot find it by search
    (``syndications``: read once for the batch the page is indexed in)."""
    page = page.specific
    if not is_indexable(page):
        return None
    channel = Channel.objects.for_page(page)
    if channel is None:
        return None
    also_on = syndications.also_on(page)
    section = Page.objects.ancestor_of(page).type(SectionPage).last()
    topics = page.topics.select_related("topic") if hasattr(page, "topics") else []
    summary = next((getattr(page, f) for f in SUMMARY_FIELDS if getattr(page, f, "")), "")
    date = next(getattr(page, f) for f in DATE_FIELDS if getattr(page, f, None))
    return PageDocument.build(
        page_id=page.pk,
        title=page.title,
        summary=summary,
        body=body_text(page),
        language=page.locale.language_code,
        channel=channel.slug,
        also_on=also_on,
        district=channel.slug if channel.kind == "district" else "",
        section=section.slug if section else "",
        topics=[link.topic.slug for link in topics],
        content_type=page._meta.model_name,
        date=date,
        url=page.get_full_url(),
        image=_image_url(page),
        translation_key=str(page.translation_key),
        fingerprint=fingerprint(page, also_on),
    )


def fingerprint(page: Page, also_on: list[str]) -> str:
    """What a document was built from: the live revision, the place in the tree and the other
    sites that show it."""
    return f"{page.live_revision_id}:{page.url_path}:{' '.join(also_on)}"


def apply_pending(limit: int | None = None) -> int:
    """Send queued updates to the engine, oldest first. Returns how many landed; on an engine
    failure the rows stay queued (with the error) and :class:`EngineUnavailable` is raised."""
    engine = get_engine()
    done = 0
    while limit is None or done < limit:
        rows = list(PendingUpdate.objects.values_list("page_id", "version")[:BATCH])
        if not rows:
            break
        pages = {p.pk: p for p in Page.objects.filter(pk__in=[r[0] for r in rows]).specific()}
        syndications = Syndications()
        documents, removals = [], []
        for page_id, _version in rows:
            document = document_for(pages[page_id], syndications) if page_id in pages else None
            if document is None:
                removals.append(str(page_id))
            else:
                documents.append(document)
        try:
            engine.ensure_index()
            if documents:
                engine.index(documents)
            if removals:
                engine.delete(removals)
        except EngineUnavailable as error:
            PendingUpdate.objects.filter(page_id__in=[r[0] for r in rows]).update(
                attempts=F("attempts") + 1, last_error=str(error)[:2000]
            )
            raise
        for page_id, version in rows:
            PendingUpdate.objects.filter(page_id=page_id, version=version).delete()
        done += len(rows)
    return done


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off: 5 s, 10 s, 20 s … at most five minutes."""
    return timedelta(seconds=min(MAX_RETRY_DELAY, 5 * 2 ** min(attempts, 10)))


def next_retry_at(attempts: int):
    return timezone.now() + retry_delay(attempts)
