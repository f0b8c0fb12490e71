from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    """Administrative procedures for foreigners and foreign organisations: structured,
    translated records, their directory, print pages and review reminders."""

    name = "cms.procedures"
    label = "procedures"
    verbose_name = "Procedures"

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready.
        from cms.legal import citations as legal_citations
        from cms.procedures.cited_by import citing_procedures

        legal_citations.register(citing_procedures)
