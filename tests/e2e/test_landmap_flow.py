"""The land map in a real browser: filter, pick an area, site report, export; axe on each page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "src/rodloeber/static/vendor/axe-core/axe.min.js"


def _axe(page: Any) -> None:
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # CSP: same-origin file
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{page.url}\n" + "\n".join(serious)


def test_filter_pick_report_export(page: Any, live_server: Any) -> None:
    from rodloeber.landmap.demo import landmap_demo_load

    landmap_demo_load(count=150, seed=11)
    page.goto(f"{live_server.url}/kort")
    page.wait_for_selector("#land-results")
    _axe(page)
    page.fill("#f-min_available_ha", "2")
    page.fill("#f-max_km_motorway", "10")
    page.click("#land-search")
    page.wait_for_url("**min_available_ha=2**")
    assert "max_km_motorway=10" in page.url  # the URL holds the filters (shareable)
    link = page.locator("[data-area-link]").first
    name = link.inner_text()
    link.focus()
    page.keyboard.press("Enter")
    # the first site report of a process builds the screening indexes (10-30 s on a busy machine)
    page.wait_for_selector("#report-title", timeout=90_000)
    assert page.inner_text("#report-title") == name
    assert "Syntetiske demodata" in page.content()
    _axe(page)
    page.go_back()
    page.wait_for_selector("[data-export='csv']")
    with page.expect_download() as info:
        page.click("[data-export='csv']")
    content = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert content.splitlines()[0].startswith("id;planid;plannavn")
    assert len(content.splitlines()) > 1


_RENDERED = """(layers) => {
  const m = document.querySelector('.rl-land-map [data-rl-map]').rlMap;
  const out = {};
  for (const id of layers) { out[id] = m.queryRenderedFeatures({layers: [id]}).length; }
  return out;
}"""

_IDLE = """(view) => new Promise((resolve) => {
  const m = document.querySelector('.rl-land-map [data-rl-map]').rlMap;
  if (view) { m.jumpTo(view); }
  const done = () => resolve(m.getZoom());
  m.once('idle', done);
  m.triggerRepaint();
})"""


@pytest.fixture
def bundled_basemap() -> Iterator[None]:
    """The basemap from the bundled DAGI kommuner, as `layers bootstrap` would
    build it: the test must not depend on a var/ folder with built layers."""
    from rodloeber.domain.screening.testing import make_layer
    from rodloeber.landmap.infrastructure import layer_or_bundled
    from rodloeber.layers import tiles

    geoms, rows = layer_or_bundled("kommuner")
    kommuner = make_layer("kommuner", geoms, rows, synthetic=False)
    tiles.set_tile_layer_loader(lambda name: kommuner)
    yield
    tiles.set_tile_layer_loader(None)


def test_map_renders_the_business_areas_from_country_to_street_scale(
    page: Any, live_server: Any, bundled_basemap: None
) -> None:
    """The map must draw the areas, not only the basemap (tiles, style, CSP, resize)."""
    from rodloeber.landmap.demo import landmap_demo_load
    from rodloeber.landmap.models import BusinessArea

    landmap_demo_load(count=300, seed=11)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/kort")
    page.hover("[data-rl-map-preview]")  # the first pointer interaction starts the map
    page.wait_for_selector("#land-map[data-land-results]", state="attached")
    assert int(page.get_attribute("#land-map", "data-land-results") or 0) > 0
    page.evaluate(_IDLE, None)
    # the canvas fills its container (the toggles make the grid row taller after init)
    heights = page.evaluate(
        "() => { const c = document.querySelector('#land-map');"
        " return [c.clientHeight, c.querySelector('canvas').clientHeight]; }"
    )
    assert abs(heights[0] - heights[1]) <= 2, heights
    country = page.evaluate(_RENDERED, ["land-areas-clusters", "land-results-point", "land"])
    assert country["land"] > 0 and country["land-areas-clusters"] > 0, country
    assert country["land-results-point"] > 0, country
    # zoom in on the busiest town: z7 clusters, then z12 polygons (tiles and result)
    area = BusinessArea.objects.order_by("-available_ha").first()
    assert area is not None
    centre = [area.centroid_lon, area.centroid_lat]
    page.evaluate(_IDLE, {"center": centre, "zoom": 7})
    assert page.evaluate(_RENDERED, ["land-areas-clusters"])["land-areas-clusters"] > 0
    page.evaluate(_IDLE, {"center": centre, "zoom": 12})
    street = page.evaluate(_RENDERED, ["land-areas-fill", "land-results-fill"])
    assert street["land-areas-fill"] > 0 and street["land-results-fill"] > 0, street
    ids = page.evaluate(
        "() => document.querySelector('.rl-land-map [data-rl-map]').rlMap"
        ".queryRenderedFeatures({layers: ['land-areas-fill']}).map(f => f.id)"
    )
    assert area.pk in ids
    # the list drives the map: hovering a result outlines that area
    first = page.locator("[data-area-id]").first
    first.hover()
    selected = page.evaluate(
        "() => document.querySelector('.rl-land-map [data-rl-map]').rlMap"
        ".getFilter('land-results-selected')"
    )
    assert selected[2] == int(first.get_attribute("data-area-id") or 0)
    assert [e for e in errors if "GL Driver" not in e] == []


def test_the_url_holds_view_and_selection_and_the_list_drives_the_map(
    page: Any, live_server: Any, bundled_basemap: None
) -> None:
    """A link reproduces the view; "Show on map" selects and zooms; on a phone the map is first."""
    from rodloeber.landmap.demo import landmap_demo_load
    from rodloeber.landmap.models import BusinessArea

    landmap_demo_load(count=120, seed=5)
    area = BusinessArea.objects.order_by("-available_ha").first()
    assert area is not None
    page.set_viewport_size({"width": 1400, "height": 1000})
    view = f"12.00/{area.centroid_lat:.5f}/{area.centroid_lon:.5f}"
    page.goto(f"{live_server.url}/kort#kort={view}&valgt={area.pk}")
    page.wait_for_selector("#land-map[data-land-results]", state="attached")
    state = page.evaluate(
        "() => { const m = document.querySelector('[data-rl-map]').rlMap;"
        " return [m.getZoom(), m.getCenter().lat, m.getCenter().lng,"
        " m.getFilter('land-results-selected')[2]]; }"
    )
    assert abs(state[0] - 12) < 0.01 and abs(state[1] - area.centroid_lat) < 1e-3
    assert state[3] == area.pk
    item = page.locator(f"[data-area-id='{area.pk}']")
    assert "rl-land-item--selected" in (item.get_attribute("class") or "")
    other = page.locator("[data-area-id]").nth(1)
    other_id = int(other.get_attribute("data-area-id") or 0)
    other.locator("[data-area-zoom]").click()
    page.wait_for_function(f"() => location.hash.includes('valgt={other_id}')")
    page.evaluate(
        "() => new Promise(r => { const m = document.querySelector('[data-rl-map]').rlMap;"
        " if (!m.isMoving()) r(); else m.once('moveend', r); })"
    )
    assert page.evaluate("() => document.querySelector('[data-rl-map]').rlMap.getZoom()") >= 12
    # on a phone the map comes before the panel
    page.set_viewport_size({"width": 390, "height": 844})
    boxes = page.evaluate(
        "() => [document.querySelector('.rl-kort-map').getBoundingClientRect().top,"
        " document.querySelector('#kort-panel').getBoundingClientRect().top]"
    )
    assert boxes[0] < boxes[1], boxes
