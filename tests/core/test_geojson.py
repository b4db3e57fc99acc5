"""One home for the GeoJSON media type: every GeoJSON endpoint uses core.geojson."""

from __future__ import annotations

from pathlib import Path

from rodloeber.core.geojson import GEOJSON_MEDIA_TYPE, geojson_response

SRC = Path(__file__).resolve().parents[2] / "src/rodloeber"


def test_response_is_geo_json_and_keeps_danish_letters() -> None:
    response = geojson_response({"type": "FeatureCollection", "features": [], "name": "Ørsted"})
    assert response["Content-Type"] == GEOJSON_MEDIA_TYPE == "application/geo+json"
    assert "Ørsted".encode() in response.content


def test_no_other_module_spells_the_media_type_or_answers_geojson_as_plain_json() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "geojson.py" and path.parent.name == "core":
            continue
        text = path.read_text(encoding="utf-8")
        if "application/geo+json" in text:
            offenders.append(f"{path}: spells the media type")
        if '"FeatureCollection", "features"' in text and "JsonResponse({" in text:
            offenders.append(f"{path}: FeatureCollection as JsonResponse")
    assert offenders == []
