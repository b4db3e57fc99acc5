from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LayersConfig(AppConfig):
    name = "rodloeber.layers"
    label = "layers"
    verbose_name = _("Reference layers")
