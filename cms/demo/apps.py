from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "cms.demo"
    label = "demo"
    verbose_name = "Demo content"

    def ready(self) -> None:
        from cms.demo import checks  # noqa: F401  registers the check once models are ready
