"""App configuration for the broadcast programmes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastConfig(AppConfig):
    """Programmes, episodes and their schedule, subtitles and podcast feeds."""

    name = "cms.broadcast"
    label = "broadcast"
    verbose_name = _("Broadcast programmes")
    default_auto_field = "django.db.models.BigAutoField"
