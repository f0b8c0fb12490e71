from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "sites"
    label = "channels"
    verbose_name = "Channels and portals"
