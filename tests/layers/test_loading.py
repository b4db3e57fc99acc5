"""The public read interface: get_layer, list_layers, layer_path, cache invalidation."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.layers.loading import get_layer, layer_path, list_layers
from rodloeber.layers.services import layer_import
from tests.layers.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def test_layer_path_uses_the_configured_folder(layers_dir: Path) -> None:
    assert layer_path("towns") == layers_dir / "towns.gpkg"
    with pytest.raises(GeodataError):
        layer_path("../../etc/passwd")


def test_missing_layer_error_is_bilingual() -> None:
    with pytest.raises(GeodataError) as err:
        get_layer("section3_nature")
    assert err.value.code == "layer_not_found"
    assert "bootstrap" in err.value.message_da and "bootstrap" in err.value.message_en


def test_get_layer_is_cached_and_reloaded_after_reimport() -> None:
    def load(fixture: str) -> None:
        layer_import(
            actor=None, path=FIXTURES / fixture, name="demo_layer", source="s", licence="l"
        )

    load("dai_habitat_omr.geojson")
    first = get_layer("demo_layer")
    assert isinstance(first, ReferenceLayer) and len(first) == 2
    assert get_layer("demo_layer") is first  # cached
    load("energinet_stationer.geojson")
    second = get_layer("demo_layer")
    assert second is not first and second.geometries[0].geom_type == "Point"
    assert [p.name for p in list_layers()] == ["demo_layer"]


def test_command_import_and_bilingual_errors(tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "layers", "import", str(FIXTURES / "dai_bes_naturtyper.gml"),
        "--name", "section3_nature", "--source", "https://arealeditering-dist-geo.miljoeportal.dk",
        "--licence", "open data", "--layer", "dai:bes_naturtyper", stdout=out,
    )  # fmt: skip
    assert "Imported section3_nature: 3 features" in out.getvalue()
    with pytest.raises(CommandError) as err:
        call_command(
            "layers", "import", str(FIXTURES / "bad" / "missing_prj.zip"),
            "--name", "fredninger", "--source", "s", "--licence", "l",
        )  # fmt: skip
    assert ".prj" in str(err.value) and "mangler" in str(err.value) and "missing" in str(err.value)
