from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    """Languages, UI catalogues, NFC normalisation.

    Labelled ``languages``: ``locales`` would read like Wagtail's and wagtail-localize's own
    locale apps."""

    name = "locales"
    label = "languages"
    verbose_name = "Languages"

    def ready(self) -> None:
        # Connects the signal handlers once the app registry is ready.
        from locales import signals  # noqa: F401
