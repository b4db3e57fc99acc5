from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "rodloeber.ops"
    label = "ops"
    verbose_name = "Operations (backup, restore, hardening)"
