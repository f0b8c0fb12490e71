from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "cms.monitoring"
    label = "monitoring"
    verbose_name = _("Foreign-press monitoring")
    default_auto_field = "django.db.models.BigAutoField"
