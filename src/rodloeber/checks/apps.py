from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "rodloeber.checks"
    label = "checks"
    verbose_name = "Tjek af adgang og tilladelser"
