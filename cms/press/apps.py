from django.apps import AppConfig


class PressConfig(AppConfig):
    """Press releases, press events and their calendar."""

    name = "cms.press"
    label = "press"
    verbose_name = "Press centre"
