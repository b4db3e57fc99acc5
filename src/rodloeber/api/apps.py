from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "rodloeber.api"
    label = "rl_api"
    verbose_name = "API"
