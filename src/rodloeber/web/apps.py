from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rodloeber.web"
    label = "web"
    verbose_name = "Web"
