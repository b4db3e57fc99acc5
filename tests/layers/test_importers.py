"""Importers on small real-format fixtures (official field names) and the bad-file corpus."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import shapely

from rodloeber.audit.models import AuditEvent
from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.layers.loading import get_layer
from rodloeber.layers.models import Layer
from rodloeber.layers.safezip import ZipLimits
from rodloeber.layers.services import layer_import
from tests.layers.conftest import BAD, FIXTURES

pytestmark = pytest.mark.django_db

GOOD = [
    ("dai_bes_naturtyper.gml", "section3_nature", "dai:bes_naturtyper", 3,
     {"Natyp_navn", "Natyp_kode"}),
    ("dai_habitat_omr.geojson", "natura2000_habitat", "dai:habitat_omr", 2,
     {"Objektnavn", "Site_ident"}),
    ("dai_fugle_bes_omr.gpkg", "natura2000_birds", "dai:fugle_bes_omr", 1,
     {"Objektnavn", "Site_ident"}),
    ("dai_fredede_omr_shp.zip", "fredninger", "dai:fredede_omr", 1, {"Fred_navn", "Reg_nr"}),
    ("pdk_kommuneplanramme_vedtaget.gml", "kommuneplanrammer",
     "pdk:theme_pdk_kommuneplanramme_vedtaget_v", 1, {"planid", "komnr", "anvgen", "maxmiljo"}),
    ("pdk_lokalplan_vedtaget_latlon.geojson", "lokalplaner", "pdk:theme_pdk_lokalplan_vedtaget",
     1, {"planid", "plannavn", "anvgen"}),
    ("energinet_stationer.geojson", "grid_substations", None, 2, {"voltage_kv", "name"}),
]  # fmt: skip


def do_import(
    path: Path, name: str = "test_layer", layer: str | None = None, **kw: object
) -> Layer:
    return layer_import(
        actor=None,
        path=path,
        name=name,
        source="https://example.test/wfs",
        licence="test licence",
        source_layer=layer,
        **kw,  # type: ignore[arg-type]
    ).layer


@pytest.mark.parametrize(("fixture", "name", "typename", "count", "fields"), GOOD)
def test_official_formats_import_with_field_names(
    fixture: str, name: str, typename: str | None, count: int, fields: set[str], layers_dir: Path
) -> None:
    before = AuditEvent.objects.count()
    layer = do_import(FIXTURES / fixture, name, typename)
    assert layer.feature_count == count
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None and event.action == "layer.import"
    assert (layers_dir / f"{name}.gpkg").is_file()
    loaded = get_layer(name)
    assert len(loaded) == count
    assert fields <= set(loaded.attributes[0])
    assert loaded.provenance.source.startswith("https://example.test/wfs")
    # Everything is stored in EPSG:25832 near Viborg / Aarhus.
    xmin, ymin, xmax, ymax = shapely.total_bounds(list(loaded.geometries))
    assert 500_000 < xmin < xmax < 580_000 and 6_200_000 < ymin < ymax < 6_300_000


def test_known_layer_names_get_their_titles() -> None:
    layer = do_import(FIXTURES / "dai_bes_naturtyper.gml", "section3_nature", "dai:bes_naturtyper")
    assert layer.title_da == "Beskyttet natur (§ 3)" and layer.theme == "nature"
    assert layer.source_layer == "dai:bes_naturtyper" and not layer.synthetic


def test_synthetic_import_is_marked(layers_dir: Path) -> None:
    layer = do_import(FIXTURES / "dai_habitat_omr.geojson", synthetic=True)
    assert layer.synthetic and layer.label_da.endswith("(syntetiske demodata)")
    assert get_layer("test_layer").provenance.synthetic


BAD_CASES = [
    ("invalid_json.geojson", "invalid_json"),
    ("wrong_crs_utm_without_crs.geojson", "crs_mismatch"),
    ("unknown_crs.geojson", "crs_unknown"),
    ("self_intersection_bowtie.geojson", "self_intersection"),
    ("missing_prj.zip", "prj_missing"),
    ("zip_slip.zip", "zip_slip"),
    ("symlink_in_zip.zip", "zip_symlink"),
    ("executable_renamed.shp", "executable"),
    ("executable_in_zip.zip", "not_shapefile"),
    ("outside_denmark.geojson", "outside_denmark"),
    ("empty_collection.geojson", "empty"),
    ("mismatched_content.gpkg", "content_mismatch"),
    ("mismatched_content.geojson", "content_mismatch"),
    ("not_geojson.json", "not_geojson"),
    ("gml_with_entities.gml", "xml_entities"),
    ("wfs_exception_report.gml", "wfs_exception"),
]


def test_bad_corpus_is_complete() -> None:
    files = {p.name for p in BAD.iterdir()}
    assert len(files) >= 12
    assert files == {name for name, _ in BAD_CASES}


def assert_refused(path: Path, code: str, layers_dir: Path, **kw: object) -> GeodataError:
    before = AuditEvent.objects.count()
    with pytest.raises(GeodataError) as err:
        do_import(path, **kw)
    assert err.value.code == code, err.value.message_en
    assert err.value.message_da and err.value.message_en
    assert err.value.message_da != err.value.message_en
    assert not Layer.objects.filter(name="test_layer").exists()
    assert AuditEvent.objects.count() == before
    assert not list(layers_dir.glob("*")) if layers_dir.exists() else True
    return err.value


@pytest.mark.parametrize(("fixture", "code"), BAD_CASES)
def test_bad_files_give_a_clear_error_and_import_nothing(
    fixture: str, code: str, layers_dir: Path
) -> None:
    assert_refused(BAD / fixture, code, layers_dir)


def test_zip_bomb_generated_in_the_test(tmp_path: Path, layers_dir: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("fredede_omr.shp", "w") as fh:
            block = bytes(1024 * 1024)
            for _ in range(64):  # 64 MB of zeros → ~64 KB compressed
                fh.write(block)
        zf.writestr("fredede_omr.prj", "PROJCS[]")
    assert bomb.stat().st_size < 200_000
    error = assert_refused(bomb, "zip_bomb", layers_dir)
    assert "zip-bombe" in error.message_da


def test_zip_bomb_total_size_limit(tmp_path: Path) -> None:
    from rodloeber.layers.safezip import extract_shapefile

    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            zf.writestr(f"part{i}.dbf", bytes(100_000))
    with pytest.raises(GeodataError) as err:
        extract_shapefile(archive, tmp_path, ZipLimits(max_total_bytes=150_000))
    assert err.value.code == "zip_bomb"


def test_huge_vertex_count_generated_in_the_test(tmp_path: Path, layers_dir: Path) -> None:
    n = 60_000
    ring = shapely.get_coordinates(
        shapely.Point(530_000, 6_255_000).buffer(5_000, quad_segs=n // 4)
    )
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [
            {"type": "Feature", "properties": {"Natyp_navn": "Hede"},
             "geometry": {"type": "Polygon", "coordinates": [ring.round(1).tolist()]}}
        ],
    }  # fmt: skip
    path = tmp_path / "huge_vertex_count.geojson"
    path.write_text(json.dumps(doc))
    from rodloeber.domain.geodata.validate import ImportLimits

    error = assert_refused(
        path, "too_many_vertices", layers_dir, limits=ImportLimits(max_vertices_per_feature=50_000)
    )
    assert "50000" in error.message_en


def test_failed_reimport_leaves_the_old_layer_untouched(layers_dir: Path) -> None:
    good = do_import(FIXTURES / "dai_habitat_omr.geojson")
    checksum, size = good.checksum, (layers_dir / "test_layer.gpkg").stat().st_size
    with pytest.raises(GeodataError):
        do_import(BAD / "self_intersection_bowtie.geojson")
    layer = Layer.objects.get(name="test_layer")
    assert layer.checksum == checksum and layer.feature_count == 2
    assert (layers_dir / "test_layer.gpkg").stat().st_size == size
    assert [p.name for p in layers_dir.iterdir()] == ["test_layer.gpkg"]  # no temp files left


def test_force_repair_imports_the_bow_tie_and_reports_it() -> None:
    result = layer_import(
        actor=None,
        path=BAD / "self_intersection_bowtie.geojson",
        name="test_layer",
        source="test",
        licence="test",
        force_repair=True,
    )
    assert result.report.repaired == 1
    assert result.layer.repair_report["repaired"] == 1


def test_large_polygons_are_subdivided_with_a_shared_feature_id(tmp_path: Path) -> None:
    ring = shapely.get_coordinates(shapely.Point(530_000, 6_255_000).buffer(8_000, quad_segs=500))
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "EPSG:25832"}},
        "features": [{"type": "Feature",
                      "properties": {"Objektnavn": "Stor", "Site_ident": "DK00XX001"},
                      "geometry": {"type": "Polygon", "coordinates": [ring.tolist()]}}],
    }  # fmt: skip
    path = tmp_path / "big.geojson"
    path.write_text(json.dumps(doc))
    layer = do_import(path)
    assert layer.feature_count == 1 and layer.part_count > 4
    loaded = get_layer("test_layer")
    assert {row["rl_fid"] for row in loaded.attributes} == {0}
    assert sum(g.area for g in loaded.geometries) == pytest.approx(shapely.Polygon(ring).area)


def test_provenance_is_required(tmp_path: Path) -> None:
    with pytest.raises(GeodataError) as err:
        layer_import(
            actor=None,
            path=FIXTURES / "dai_habitat_omr.geojson",
            name="x_y",
            source=" ",
            licence="",
        )
    assert err.value.code == "provenance_required"


@pytest.mark.parametrize("name", ["../etc", "A", "Natura", "x" * 70, "1abc"])
def test_bad_layer_names(name: str) -> None:
    with pytest.raises(GeodataError) as err:
        do_import(FIXTURES / "dai_habitat_omr.geojson", name)
    assert err.value.code == "layer_name"
