from django.apps import AppConfig


class SamlConfig(AppConfig):
    name = "rodloeber.saml"
    label = "saml"
    verbose_name = "NemLog-in (SAML)"

    def ready(self) -> None:
        from rodloeber.saml import checks  # noqa: F401 - registers the system check
