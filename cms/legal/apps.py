from django.apps import AppConfig


class LegalConfig(AppConfig):
    """Legal documents: structured records, their relations, status, translations and import."""

    name = "cms.legal"
    label = "legal"
    verbose_name = "Legal documents"
