from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandmapConfig(AppConfig):
    name = "rodloeber.landmap"
    label = "landmap"
    verbose_name = _("Map of vacant business land")
