from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The translation desk: jobs, review, memory, glossary, machine translation."""

    name = "cms.translation"
    label = "desk"
    verbose_name = _("Translation desk")

    def ready(self) -> None:
        from cms.translation import signals  # noqa: F401
