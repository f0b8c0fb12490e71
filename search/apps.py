from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Reader search in five languages; admin search stays on Wagtail's backend."""

    name = "search"
    verbose_name = "Reader search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the signal handlers and the readiness check once the app registry is ready.
        from search import health, signals  # noqa: F401
