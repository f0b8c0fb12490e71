"""RSS 2.0 and Atom 1.0 feeds of the articles under a home or section page. Each item carries
its authors, its section and topics as categories, and its lead image as an enclosure (the
card rendition the listing already prefetched); a fixed number of queries per feed."""

from __future__ import annotations

import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from wagtail.models import Page

FEED_LENGTH = 30
#: The rendition ``for_listing`` prefetches for every card, reused as the feed image. Spelt
#: exactly as in ``cms.news.listings.CARD_RENDITIONS``: Wagtail finds a prefetched rendition
#: by its filter spec string, so the same operations in another order cost a query per item.
ENCLOSURE_RENDITION = "format-webp|fill-480x270"


class ArticleFeed(Feed):
    """The newest articles under ``page`` in the page's language."""

    def __init__(self, page, *, atom: bool) -> None:
        super().__init__()
        self.page = page
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self) -> str:
        site = self.page.get_site()
        if site.root_page.translation_key == self.page.translation_key:
            return self.page.title
        return f"{self.page.title} · {self.page.get_parent().title}"

    def link(self) -> str:
        return self.page.get_url(self.request)

    def description(self) -> str:
        return getattr(self.page, "intro", "") or self.title()

    def items(self):
        parent_title = Subquery(
            Page.objects.filter(
                path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
            ).values("title")[:1],
            output_field=CharField(),
        )
        return (
            self.page.feed_articles()
            .annotate(section_title=parent_title)
            .prefetch_related("authors__author", "topics__topic")[:FEED_LENGTH]
        )

    def item_author_name(self, item) -> str | None:
        names = [link.author.name for link in item.authors.all() if link.author_id]
        return ", ".join(names) or None

    def item_categories(self, item) -> list[str]:
        topics = [link.topic.name for link in item.topics.all()]
        return [name for name in (item.section_title, *topics) if name]

    def item_enclosures(self, item) -> list[Enclosure]:
        if item.lead_image is None:
            return []
        rendition = item.lead_image.get_rendition(ENCLOSURE_RENDITION)
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/webp"
        return [
            Enclosure(
                self.request.build_absolute_uri(rendition.url),
                str(rendition.file.size),
                mime_type,
            )
        ]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.standfirst

    def item_link(self, item) -> str:
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.publication_date

    def item_updateddate(self, item):
        return item.last_published_at

    def item_guid(self, item) -> str:
        return item.get_full_url(self.request)
