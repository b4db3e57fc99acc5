from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_tables(using: str = "default", **kwargs: Any) -> None:
    """``migrate`` also creates the table of every DatabaseCache (shared rate-limit
    counters in production), so no deployment step can forget it. Idempotent."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c.get("BACKEND", "").endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class OpsConfig(AppConfig):
    name = "rodloeber.ops"
    label = "ops"
    verbose_name = "Operations (backup, restore, hardening)"

    def ready(self) -> None:
        # any sender: this app has no models, so migrate sends it no post_migrate
        post_migrate.connect(create_cache_tables, dispatch_uid="rodloeber-cache-tables")
