"""``layers bootstrap``: all agreed layers, provenance, synthetic marking, idempotence."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from rodloeber.audit.models import AuditEvent
from rodloeber.layers.catalogue import BUNDLED_NAMES, SYNTHETIC_NAMES
from rodloeber.layers.loading import get_layer, list_layers
from rodloeber.layers.models import SYNTHETIC_ATTRIBUTION, Layer
from rodloeber.layers.screening_service import SCREENING_LAYERS
from rodloeber.layers.services import layer_import, layers_bootstrap, layers_generate
from tests.layers.conftest import FIXTURES

pytestmark = pytest.mark.django_db

AGREED = {
    "kommuner", "regioner", "grid_substations", "grid_lines", "international_schools", "towns",
    "ports", "motorways", "railways", "universities", "industrial_parks_2025", "section3_nature",
    "natura2000_habitat", "natura2000_birds", "fredninger", "nature_national_parks",
    "business_clusters", "energy_parks",
}  # fmt: skip


def test_bootstrap_builds_everything_then_skips(layers_dir: Path) -> None:
    result = layers_bootstrap(actor=None, seed=5)
    assert set(result.built) == AGREED == set(BUNDLED_NAMES) | set(SYNTHETIC_NAMES)
    assert AuditEvent.objects.filter(action="layer.bootstrap").count() == 1
    assert {p.stem for p in layers_dir.glob("*.gpkg")} == AGREED
    assert not list(layers_dir.glob(".*"))
    # prepared screening indexes (ADR 0030): every screening layer, none left half-written
    assert set(result.indexed) == set(SCREENING_LAYERS) <= AGREED
    index_dir = layers_dir / "screening-index"
    assert {p.name for p in index_dir.iterdir()} == set(SCREENING_LAYERS)

    provenance = {p.name: p for p in list_layers()}
    assert set(provenance) == AGREED
    for name in SYNTHETIC_NAMES:
        assert provenance[name].synthetic
        assert provenance[name].attribution == SYNTHETIC_ATTRIBUTION
        assert get_layer(name).provenance.synthetic
    for name in BUNDLED_NAMES:
        assert not provenance[name].synthetic and provenance[name].licence
    assert "DAGI" in provenance["kommuner"].attribution
    assert "OpenStreetMap" in provenance["grid_lines"].attribution

    counts = {layer.name: layer.feature_count for layer in Layer.objects.all()}
    assert counts["kommuner"] == 98 and counts["regioner"] == 5
    assert counts["section3_nature"] >= 100_000
    assert counts["nature_national_parks"] == 15
    assert 230 <= counts["natura2000_habitat"] <= 260
    assert counts["industrial_parks_2025"] == 11 and counts["towns"] == 75

    substations = get_layer("grid_substations")
    assert any(row["voltage_kv"] == 400 for row in substations.attributes)
    assert all(g.geom_type == "Point" for g in substations.geometries)
    lines = get_layer("grid_lines")
    assert {row["voltage_kv"] for row in lines.attributes} >= {400, 150}
    towns = get_layer("towns")
    assert max(int(str(r["population"])) for r in towns.attributes) > 1_000_000
    parks = get_layer("industrial_parks_2025")
    assert all(r["location_accuracy"] for r in parks.attributes)

    again = layers_bootstrap(actor=None, seed=5)
    assert again.built == [] and set(again.skipped) == AGREED
    assert AuditEvent.objects.filter(action="layer.bootstrap").count() == 1

    # An official import is never overwritten by bootstrap or generate.
    layer_import(
        actor=None,
        path=FIXTURES / "dai_habitat_omr.geojson",
        name="natura2000_habitat",
        source="https://arealeditering-dist-geo.miljoeportal.dk/geoserver/wfs",
        licence="open data",
        source_layer="dai:habitat_omr",
    )
    assert layers_bootstrap(actor=None, seed=6).kept_official == ["natura2000_habitat"]
    assert not Layer.objects.get(name="natura2000_habitat").synthetic
    regenerated = layers_generate(actor=None, seed=6, names=["natura2000_habitat", "energy_parks"])
    assert [layer.name for layer in regenerated] == ["energy_parks"]
    assert Layer.objects.get(name="energy_parks").version.endswith("seed 6")

    out = StringIO()
    call_command("layers", "list", stdout=out)
    assert "SYNTETISK" in out.getvalue() and "section3_nature" in out.getvalue()
