from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Connects the purge-on-publication signal handlers once the app registry is ready.
        from cms.core import purging  # noqa: F401
