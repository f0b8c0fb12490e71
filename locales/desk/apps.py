from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The translation desk: jobs, review, memory, glossary, machine translation."""

    name = "locales.desk"
    label = "desk"
    verbose_name = _("Translation desk")

    def ready(self) -> None:
        from locales.desk import signals  # noqa: F401
