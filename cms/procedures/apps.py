from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    """Administrative procedures for foreigners and foreign organisations: structured,
    translated records, their directory, print pages and review reminders."""

    name = "cms.procedures"
    label = "procedures"
    verbose_name = "Procedures"
