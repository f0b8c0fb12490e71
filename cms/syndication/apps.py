from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    name = "cms.syndication"
    label = "syndication"
    verbose_name = _("Syndication")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: the page models need the app registry ready.
        from cms.core import chrome, purging
        from cms.syndication.models import SyndicationPage, menu_with_syndication

        chrome.register_menu(menu_with_syndication)
        purging.register_listings(SyndicationPage.listing_feeds)
