"""Streaming CSV/XLSX readers and feature caps: refuse early, in both languages (issue #20)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.landmap.importing import read_rows
from rodloeber.layers.readers import read_any
from rodloeber.layers.tabular import RowLimits, read_csv_rows, read_xlsx_rows
from tests.security.corpus.make_corpus import HEADER, RING, _xlsx, two_million_rows_xlsx


def _code(exc: pytest.ExceptionInfo[GeodataError]) -> str:
    err = exc.value
    assert err.message_da and err.message_en and err.message_da != err.message_en
    return err.code


@pytest.fixture(scope="module")
def two_million(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tabular") / "two_million_rows.xlsx"
    path.write_bytes(two_million_rows_xlsx())
    return path


def test_two_million_row_workbook_is_refused_before_parsing(two_million: Path) -> None:
    assert two_million.stat().st_size < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(GeodataError) as exc:
        read_rows(two_million)  # the land import's reader
    assert time.monotonic() - started < 5.0
    assert _code(exc) == "uncompressed_too_large"


def test_row_cap_streams_when_the_inflated_size_is_allowed(two_million: Path) -> None:
    started = time.monotonic()
    with pytest.raises(GeodataError) as exc:
        read_xlsx_rows(two_million, RowLimits(max_rows=20_000, max_uncompressed_bytes=1 << 30))
    assert time.monotonic() - started < 5.0
    assert _code(exc) == "too_many_rows"
    assert "20000" in exc.value.message_da


def test_xlsx_row_limit_is_exact_and_blank_rows_count(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(_xlsx([HEADER] + [[f"p{i}", "navn"] for i in range(3)]))
    assert len(read_xlsx_rows(path, RowLimits(max_rows=3))) == 3
    with pytest.raises(GeodataError):
        read_xlsx_rows(path, RowLimits(max_rows=2))
    blanks = tmp_path / "blank.xlsx"
    blanks.write_bytes(_xlsx([HEADER, ["p1"], [None], [None], [None]]))
    with pytest.raises(GeodataError) as exc:
        read_xlsx_rows(blanks, RowLimits(max_rows=3))
    assert _code(exc) == "too_many_rows"


def test_csv_stops_at_limit_plus_one(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("planid;plannavn\n" + "".join(f"p{i};n\n" for i in range(5)), "utf-8")
    assert [r["planid"] for r in read_csv_rows(path, RowLimits(max_rows=5))][-1] == "p4"
    with pytest.raises(GeodataError) as exc:
        read_csv_rows(path, RowLimits(max_rows=4))
    assert _code(exc) == "too_many_rows"


def test_geojson_feature_cap_before_geometry_work(tmp_path: Path) -> None:
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [RING]},
    }
    path = tmp_path / "a.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature] * 3}))
    assert len(read_any(path, max_features=3)) == 3
    with pytest.raises(GeodataError) as exc:
        read_any(path, max_features=2)
    assert _code(exc) == "too_many_rows"


def test_geopackage_feature_cap_from_its_count(tmp_path: Path) -> None:
    import numpy as np
    import shapely

    from rodloeber.domain.geodata.table import FeatureTable
    from rodloeber.layers.storage import write_gpkg

    geoms = np.array(
        [shapely.box(470_000 + i, 6_150_000, 470_100 + i, 6_150_100) for i in range(4)]
    )
    path = tmp_path / "a.gpkg"
    table = FeatureTable(geometries=geoms, columns={"n": [1, 2, 3, 4]}, crs="EPSG:25832")
    write_gpkg(table, path, layer="a", provenance={})
    assert len(read_any(path, max_features=4)) == 4
    with pytest.raises(GeodataError) as exc:
        read_any(path, max_features=3)
    assert _code(exc) == "too_many_rows"
