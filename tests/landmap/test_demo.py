"""Synthetic demo areas lie on land, each inside the kommune it names (issue #18).

Before, about one area in ten was drawn at sea next to a coastal town: it
overlapped no kommune, got the nearest kommune's code, and its site report
could not be screened."""

from __future__ import annotations

from typing import Any

import shapely

from rodloeber.accounts.reference import municipalities
from rodloeber.landmap.geometry import area_geometry, to_lonlat
from rodloeber.layers.geography import municipalities_meeting, municipality_outline
from tests.landmap.demo_cache import generated


def test_every_demo_area_lies_inside_the_kommune_it_names(db: Any) -> None:
    areas = generated(300, 7)
    assert len(areas) == 300
    names = {m.code: m.name for m in municipalities()}
    for area in areas:
        geom = area_geometry(area.geometry_wkb)
        assert shapely.is_valid(geom) and geom.area > 0
        assert municipality_outline(area.komnr).contains(geom), area.plannavn
        assert area.komnr in municipalities_meeting(to_lonlat(geom)), area.plannavn
        assert area.kommune_name == names[area.komnr]
        assert area.synthetic and "Syntetiske demodata" in area.source
        assert "(syntetisk kontakt)" in area.contact_name
