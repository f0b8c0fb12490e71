from django.apps import AppConfig


class NewsConfig(AppConfig):
    """Page types of the news channels: homes, sections, articles, authors, topics."""

    name = "cms.news"
    label = "news"
    verbose_name = "News"

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready.
        from cms.core import chrome
        from cms.news.models import SectionPage

        chrome.register_menu(SectionPage.menu)
