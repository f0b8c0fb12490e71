from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The translation desk: jobs, review, memory, glossary, machine translation.

    Labelled ``desk``, its label since its first migration: tables and migrations keep it."""

    name = "cms.translation"
    label = "desk"
    verbose_name = _("Translation desk")

    def ready(self) -> None:
        # Connects the signal handlers, keeps live translations live and makes Wagtail's
        # chooser labels follow the viewer's language, and answers reader pages' question
        # which translations are out of date, once the app registry is ready.
        from cms.core import freshness
        from cms.translation import admin_labels, localize_adapter, signals, status  # noqa: F401

        localize_adapter.keep_live_translations()
        freshness.register(status.out_of_date_languages)
        admin_labels.make_chooser_labels_lazy()
