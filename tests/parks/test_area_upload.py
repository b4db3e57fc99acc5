"""Area files (GeoJSON, GeoPackage, zipped Shapefile) read into one checked area.

Real files are written in the tests with pyogrio (GDAL), in EPSG:25832 and
EPSG:4326, with one or several features, and broken ones.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio.raw
import pytest
import shapely
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from shapely.geometry import LineString, Polygon, box, mapping

from rodloeber.accounts.models import User
from rodloeber.domain.errors import DomainError
from rodloeber.domain.screening import to_exchange
from rodloeber.parks import screening as park_screening
from rodloeber.parks.area_upload import read_area_file, read_area_text
from rodloeber.parks.models import ApplicationRound, ParkApplication
from rodloeber.parks.services import application_create, application_update
from tests.parks.conftest import FULL_ANSWERS, area

# A 600 m x 500 m field west of Esbjerg (EPSG:25832): 30 ha.
X0, Y0 = 470_000.0, 6_150_000.0
FIELD = box(X0, Y0, X0 + 600, Y0 + 500)


def write_ogr(path: Path, geoms: list[Any], crs: str, driver: str) -> Path:
    arr = np.asarray(geoms, dtype=object)
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(arr, output_dimension=2),
        [np.asarray([f"del {i}" for i in range(len(geoms))], dtype=object)],
        ["navn"],
        driver=driver,
        geometry_type="Polygon" if all(g.geom_type == "Polygon" for g in geoms) else "Unknown",
        crs=crs,
        encoding="UTF-8",
    )
    return path


def gpkg(tmp_path: Path, geoms: list[Any], crs: str = "EPSG:25832") -> bytes:
    return write_ogr(tmp_path / "area.gpkg", geoms, crs, "GPKG").read_bytes()


def zipped_shapefile(
    tmp_path: Path, geoms: list[Any], crs: str = "EPSG:25832", *, drop: str = ""
) -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir()
    write_ogr(folder / "omraade.shp", geoms, crs, "ESRI Shapefile")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for part in sorted(folder.iterdir()):
            if part.suffix != drop:
                zf.write(part, part.name)
    return buffer.getvalue()


def lonlat(geom: Any) -> Any:
    return to_exchange(geom)


def test_geopackage_in_25832_gives_area_in_4326(tmp_path: Path) -> None:
    area = read_area_file(gpkg(tmp_path, [FIELD]), "omraade.gpkg")
    assert area.source_crs == "EPSG:25832"
    assert area.area_ha == pytest.approx(30.0, abs=0.01)
    lon, lat = area.geometry["coordinates"][0][0]
    assert 8.0 < lon < 8.9 and 55.3 < lat < 55.7  # stored as longitude, latitude
    assert area.notes == ()


def test_zipped_shapefile_in_4326(tmp_path: Path) -> None:
    content = zipped_shapefile(tmp_path, [lonlat(FIELD)], crs="EPSG:4326")
    area = read_area_file(content, "omraade.zip")
    assert area.source_crs == "EPSG:4326"
    assert area.area_ha == pytest.approx(30.0, abs=0.05)


def test_several_features_are_merged_and_separate_parts_reported(tmp_path: Path) -> None:
    west = box(X0, Y0, X0 + 300, Y0 + 500)
    east = box(X0 + 300, Y0, X0 + 600, Y0 + 500)  # touches west: one part
    away = box(X0 + 2000, Y0, X0 + 2100, Y0 + 100)  # 1 ha, separate
    area = read_area_file(gpkg(tmp_path, [west, east, away]), "parceller.gpkg")
    assert area.feature_count == 3
    assert area.parts == 2
    assert area.area_ha == pytest.approx(31.0, abs=0.01)
    assert area.geometry["type"] == "MultiPolygon"
    notes = " ".join(n.en for n in area.notes)
    assert "3 features in the file were merged" in notes
    assert "2 separate parts" in notes
    assert "sammenhængende" in " ".join(n.da for n in area.notes)


def test_self_intersecting_polygon_is_refused_with_where(tmp_path: Path) -> None:
    bow_tie = Polygon([(X0, Y0), (X0 + 600, Y0 + 500), (X0 + 600, Y0), (X0, Y0 + 500), (X0, Y0)])
    assert not bow_tie.is_valid
    with pytest.raises(DomainError) as caught:
        read_area_file(gpkg(tmp_path, [bow_tie]), "sloejfe.gpkg")
    err = caught.value
    assert err.code == "invalid_geometry"
    assert "Objekt 1" in err.message_da and "krydser" in err.message_da and " N, " in err.message_da
    assert "Feature 1" in err.message_en and "cross" in err.message_en and " E." in err.message_en


def test_geojson_feature_collection_and_bare_geometry() -> None:
    geometry = mapping(lonlat(FIELD))
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": geometry}]}
    from_file = read_area_file(json.dumps(fc).encode(), "a.geojson")
    from_text = read_area_text(json.dumps(geometry))
    assert from_file.area_ha == from_text.area_ha == pytest.approx(30.0, abs=0.05)


def test_geojson_with_crs_member_in_25832() -> None:
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [{"type": "Feature", "geometry": mapping(FIELD), "properties": {}}],
    }
    area = read_area_text(json.dumps(doc))
    assert area.source_crs == "EPSG:25832"
    assert area.area_ha == pytest.approx(30.0, abs=0.01)


@pytest.mark.parametrize(
    ("make", "code", "english"),
    [
        (lambda p: zipped_shapefile(p, [FIELD], drop=".prj"), "prj_missing", ".prj' is missing"),
        (lambda p: gpkg(p, [LineString([(X0, Y0), (X0 + 900, Y0)])]), "not_polygon", "LineString"),
        (lambda p: gpkg(p, [box(0, 0, 600, 500)]), "outside_denmark", "outside Denmark"),
        (lambda p: gpkg(p, [box(X0, Y0, X0 + 50, Y0 + 50)]), "too_small", "at least 1.0 ha"),
        (lambda p: gpkg(p, [box(X0, Y0, X0 + 20_000, Y0 + 20_000)]), "too_large", "at most"),
        (lambda p: b"MZ\x90\x00 not an area", "format_unsupported", "neither GeoJSON"),
        (lambda p: b"", "empty_file", "empty"),
        (lambda p: b"SQLite format 3\x00" + b"\x00" * 600, "unreadable", "cannot be read"),
    ],
)
def test_bad_files_are_refused_with_bilingual_reasons(
    tmp_path: Path, make: Any, code: str, english: str
) -> None:
    with pytest.raises(DomainError) as err:
        read_area_file(make(tmp_path), "fil.gpkg" if code != "prj_missing" else "fil.zip")
    assert getattr(err.value, "code", "") == code
    assert english in err.value.message_en
    assert err.value.message_da and err.value.message_da != err.value.message_en


def test_extension_and_content_must_agree(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as err:
        read_area_file(gpkg(tmp_path, [FIELD]), "omraade.zip")
    assert getattr(err.value, "code", "") == "content_mismatch"
    with pytest.raises(DomainError):
        read_area_file(gpkg(tmp_path, [FIELD]), "omraade.exe")


def test_zip_slip_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("../../evil.shp", b"\x00\x00\x27\x0a" + b"\x00" * 100)
    with pytest.raises(DomainError):
        read_area_file(buffer.getvalue(), "evil.zip")


@pytest.mark.django_db
def test_form_previews_area_then_saves_without_a_new_upload(
    planner: User, open_round: ApplicationRound, tmp_path: Path
) -> None:
    client = Client()
    client.force_login(planner)
    upload = SimpleUploadedFile("omraade.zip", zipped_shapefile(tmp_path, [FIELD]))
    data: dict[str, Any] = {"name": "Shapeparken", "round": open_round.pk, "action": "preview"}
    data.update({f"answer_{k}": v for k, v in FULL_ANSWERS.items()})
    page = client.post("/industriparker/ansoegninger/ny", {**data, "geometry_file": upload})
    html = page.content.decode()
    assert page.status_code == 200
    assert "30,00 ha" in html or "30.00 ha" in html
    assert not ParkApplication.objects.filter(name="Shapeparken").exists()  # not saved yet
    text = page.context["form"]["geometry_text"].value()
    saved = client.post(
        "/industriparker/ansoegninger/ny", {**data, "action": "save", "geometry_text": text}
    )
    assert saved.status_code == 302
    app = ParkApplication.objects.get(name="Shapeparken")
    assert app.area_ha == pytest.approx(30.0, abs=0.01)
    assert app.geometry["type"] == "Polygon"


@pytest.mark.django_db
def test_form_shows_bilingual_error_for_bad_file(
    planner: User, open_round: ApplicationRound, tmp_path: Path
) -> None:
    client = Client()
    client.force_login(planner)
    upload = SimpleUploadedFile("omraade.zip", zipped_shapefile(tmp_path, [FIELD], drop=".prj"))
    page = client.post(
        "/industriparker/ansoegninger/ny",
        {"name": "X", "round": open_round.pk, "geometry_file": upload},
    )
    assert page.status_code == 422  # refused form: the page with its errors
    assert "omraade.prj" in page.content.decode() and "mangler" in page.content.decode()
    assert not ParkApplication.objects.filter(name="X").exists()


@pytest.mark.django_db
def test_api_reads_an_area_file_then_creates_the_application(
    planner: User, open_round: ApplicationRound, tmp_path: Path
) -> None:
    from rodloeber.accounts.services import token_create
    from rodloeber.accounts.token_scopes import ALL_SCOPES

    _, secret = token_create(actor=None, user=planner, name="t", scopes=ALL_SCOPES)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}", "HTTP_ACCEPT_LANGUAGE": "en"}
    client = Client()
    upload = SimpleUploadedFile("omraade.gpkg", gpkg(tmp_path, [FIELD]))
    checked = client.post("/api/v1/parks/areas/check", {"file": upload}, **auth)
    assert checked.status_code == 200, checked.content
    assert checked.json()["area_ha"] == pytest.approx(30.0, abs=0.01)
    body = {"name": "API-park", "geometry": checked.json()["geometry"], "answers": FULL_ANSWERS}
    created = client.post(
        "/api/v1/parks/applications", json.dumps(body), content_type="application/json", **auth
    )
    assert created.status_code == 201 and created.json()["area_ha"] == pytest.approx(30.0, 0.01)
    bad = SimpleUploadedFile("omraade.zip", zipped_shapefile(tmp_path, [FIELD], drop=".prj"))
    refused = client.post("/api/v1/parks/areas/check", {"file": bad}, **auth)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["code"] == "prj_missing"
    assert ".prj' is missing" in refused.json()["detail"]


@pytest.mark.django_db
def test_api_area_check_is_for_planners_and_screeners(admin: User, tmp_path: Path) -> None:
    from rodloeber.accounts.services import token_create
    from rodloeber.accounts.token_scopes import ALL_SCOPES

    _, secret = token_create(actor=None, user=admin, name="t", scopes=ALL_SCOPES)
    upload = SimpleUploadedFile("omraade.gpkg", gpkg(tmp_path, [FIELD]))
    r = Client().post(
        "/api/v1/parks/areas/check", {"file": upload}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert r.status_code == 403
    assert Client().post("/api/v1/parks/areas/check", {"file": upload}).status_code == 401


def test_a_geopackage_with_two_layers_is_refused_in_plain_words(tmp_path: Path) -> None:
    path = write_ogr(tmp_path / "to.gpkg", [FIELD], "EPSG:25832", "GPKG")
    arr = shapely.to_wkb(np.asarray([FIELD], dtype=object))
    pyogrio.raw.write(
        str(path),
        arr,
        [],
        [],
        layer="andet",
        driver="GPKG",
        geometry_type="Polygon",
        crs="EPSG:25832",
        append=True,
    )
    with pytest.raises(DomainError) as err:
        read_area_file(path.read_bytes(), "to.gpkg")
    assert getattr(err.value, "code", "") == "several_layers"
    assert "--layer" not in err.value.message_da + err.value.message_en


@pytest.mark.parametrize(
    "where",
    [(13.00, 55.60), (11.50, 56.50)],  # Malmö (inside the bounding box of Denmark), the Kattegat
)
def test_area_outside_every_danish_municipality_is_refused(where: tuple[float, float]) -> None:
    lon, lat = where
    square = mapping(box(lon, lat, lon + 0.01, lat + 0.01))
    with pytest.raises(DomainError) as err:
        read_area_text(json.dumps(square))
    assert getattr(err.value, "code", "") == "outside_denmark"
    assert "dansk kommune" in err.value.message_da


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record every GeoJSON parse and reprojection of a park area (parks.screening)."""
    calls: list[object] = []
    real = park_screening.parse_area

    def counting(geometry: object, limits: Any = None) -> Any:
        calls.append(geometry)
        return real(geometry, limits)

    monkeypatch.setattr(park_screening, "parse_area", counting)
    return calls


def test_an_area_file_is_parsed_and_reprojected_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's geometries are reprojected once; the park limits are checked on
    them, not on a GeoJSON copy parsed and reprojected again (issue #21)."""
    calls = _count_parses(monkeypatch)
    area = read_area_file(gpkg(tmp_path, [FIELD]), "omraade.gpkg")
    assert calls == []
    assert area.area_ha == pytest.approx(30.0, abs=0.01)


def test_file_limits_are_the_park_limits(tmp_path: Path) -> None:
    """A file is checked with the park limits (at least 1 ha), not the general 0.01 ha."""
    with pytest.raises(DomainError) as exc:
        read_area_file(gpkg(tmp_path, [box(X0, Y0, X0 + 90, Y0 + 90)]), "lille.gpkg")  # 0.81 ha
    assert exc.value.code == "too_small"
    assert "at least 1.0 ha" in exc.value.message_en


def test_creating_and_changing_an_application_parses_its_area_once(
    planner: User, open_round: ApplicationRound, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Size and screening share one parse and reprojection per request."""
    calls = _count_parses(monkeypatch)
    app = application_create(
        actor=planner,
        application_round=open_round,
        name="Testpark Vest",
        geometry=area(),
        answers=FULL_ANSWERS,
    )
    assert len(calls) == 1 and app.screenings.count() == 1
    application_update(actor=planner, application=app, geometry=area())
    assert len(calls) == 2 and app.screenings.count() == 2
