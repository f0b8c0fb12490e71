from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "cms.oversight"
    label = "oversight"
    verbose_name = "Oversight dashboard"
