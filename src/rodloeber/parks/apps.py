from django.apps import AppConfig


class ParksConfig(AppConfig):
    name = "rodloeber.parks"
    label = "parks"
    verbose_name = "Industriparker (L 206 § 13)"
