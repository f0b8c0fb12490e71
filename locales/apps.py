from django.apps import AppConfig


class LocalesConfig(AppConfig):
    """Languages, UI catalogues, NFC normalisation."""

    name = "locales"
    verbose_name = "Languages"

    def ready(self) -> None:
        from locales import signals  # noqa: F401
