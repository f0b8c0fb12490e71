from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Signals and models can be imported only once the app registry is ready; importing
        # purging connects its purge-on-publication handlers.
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms.core import purging  # noqa: F401
        from cms.core.chrome import invalidate_frames
        from cms.core.models import SiteSettings
        from sites.models import Channel

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate_frames, dispatch_uid="chrome-frames")
        post_delete.connect(invalidate_frames, dispatch_uid="chrome-frames")
        for model in (Channel, Site, SiteSettings, PageViewRestriction):
            post_save.connect(invalidate_frames, sender=model, dispatch_uid=f"chrome-{model}")
