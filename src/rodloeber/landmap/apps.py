from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandmapConfig(AppConfig):
    name = "rodloeber.landmap"
    label = "landmap"
    verbose_name = _("Map of vacant business land")

    def ready(self) -> None:
        """Serve the business areas at ``/tiles/land_areas/{z}/{x}/{y}.mvt`` too.

        Same function, cache and ETag as ``/kort/fliser/{z}/{x}/{y}.mvt``; the
        short ``max-age`` because municipalities edit the areas.
        """
        from rodloeber.landmap.tiles import LAYER, land_tile
        from rodloeber.layers.tile_urls import register_tile_source

        register_tile_source(LAYER, land_tile, cache_control=LAND_TILE_CACHE_CONTROL)


LAND_TILE_CACHE_CONTROL = "public, max-age=300"
