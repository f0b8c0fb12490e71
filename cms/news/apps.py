from django.apps import AppConfig


class NewsConfig(AppConfig):
    """Page types of the news channels: homes, sections, articles, authors, topics."""

    name = "cms.news"
    label = "news"
    verbose_name = "News"

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready.
        from cms.core import chrome, purging
        from cms.news import renditions  # noqa: F401  (connects its signal handler)
        from cms.news.models import DirectoryPage, SectionPage

        chrome.register_menu(SectionPage.menu)
        purging.register_listings(DirectoryPage.listing_feeds)
