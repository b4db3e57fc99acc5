"""/kort/oversigt.svg: the server-drawn start view of the land map (ADR 0029)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from django.test import Client

from rodloeber.landmap.models import BusinessArea
from rodloeber.layers.overview_map import HEIGHT, WIDTH

SVG = "{http://www.w3.org/2000/svg}"


def _dots(body: bytes) -> list[tuple[int, int]]:
    root = ET.fromstring(body)  # noqa: S314 (our own output)
    path = root.find(f"{SVG}defs/{SVG}path")
    if path is None:
        return []
    return [(int(x), int(y)) for x, y in re.findall(r"M(-?\d+) (-?\d+)h0", path.get("d", ""))]


def test_preview_draws_denmark_and_the_filtered_result(areas: list[BusinessArea]) -> None:
    response = Client().get("/kort/oversigt.svg")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    # land (filled) and municipal borders drawn from DAGI kommuner
    fills = [p for p in root.iter(f"{SVG}path") if p.get("fill") not in (None, "none")]
    assert fills and len(fills[0].get("d", "")) > 1000
    every = _dots(response.content)
    assert every and all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in every)
    big = Client().get("/kort/oversigt.svg", {"min_available_ha": "5"})
    expected = BusinessArea.objects.filter(available_ha__gte=5).count()
    assert 0 < expected < BusinessArea.objects.count()
    assert 0 < len(_dots(big.content)) <= expected < len(every) + 1


def test_preview_with_bad_filters_still_draws_the_map() -> None:
    response = Client().get("/kort/oversigt.svg", {"max_km_port": "langt"})
    assert response.status_code == 200 and _dots(response.content) == []
    assert b"<title>" in response.content


def test_map_page_starts_with_the_preview_and_loads_maplibre_on_demand(
    areas: list[BusinessArea],
) -> None:
    html = Client().get("/kort", {"min_available_ha": "5"}).content.decode()
    assert 'data-activate="interaction"' in html
    assert 'src="/kort/oversigt.svg?min_available_ha=5' in html
    assert 'maplibre-gl.js"' not in html.split("data-maplibre-js=")[0]  # no <script> for it
    assert '<script src="/static/vendor/maplibre-gl' not in html
