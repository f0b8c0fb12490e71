"""RSS 2.0 and Atom 1.0 feeds of the articles under a home or section page."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 30


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
        return self.page.feed_articles()[:FEED_LENGTH]

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
