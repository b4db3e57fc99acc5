from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "rodloeber.reports"
    label = "reports"
    verbose_name = "Statistik, rapportering og budget"
