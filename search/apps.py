from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Reader search in five languages (issue 4); admin search stays on Wagtail's backend."""

    name = "search"
    verbose_name = "Reader search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import signals  # noqa: F401
