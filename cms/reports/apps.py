from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "cms.reports"
    label = "district_reports"
    verbose_name = "District reports"
