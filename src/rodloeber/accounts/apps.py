from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rodloeber.accounts"
    label = "accounts"
    verbose_name = "Organisationer og brugere"

    def ready(self) -> None:
        from rodloeber.accounts import signals  # noqa: F401
