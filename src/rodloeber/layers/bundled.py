"""Builders for the bundled open-data layers (medfølgende data) from ``layers/data/``.

Each builder returns a :class:`FeatureTable` in its source CRS (EPSG:4326);
the shared pipeline reprojects and validates it like any imported file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer

from rodloeber.accounts.reference import kommune_features
from rodloeber.domain.geodata.crs import to_internal
from rodloeber.domain.geodata.synthetic.context import LandContext, Town
from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.layers.readers import features_table, read_geojson

DATA_DIR = Path(__file__).resolve().parent / "data"
WGS84 = "EPSG:4326"


def _rows(name: str, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter)


def _points(lon: list[float], lat: list[float]) -> np.ndarray:
    return np.asarray(shapely.points(np.column_stack([lon, lat])), dtype=object)


def geojson(name: str) -> FeatureTable:
    return read_geojson(DATA_DIR / name)


def kommuner_table() -> FeatureTable:
    """The DAGI kommune boundaries (EPSG:4326) from the one reader of ``kommuner.geojson``
    (:func:`rodloeber.accounts.reference.kommune_features`, shared with the geography
    service), so the file is read once per process."""
    return features_table(kommune_features())


def _kv(text: str) -> list[int]:
    """'400000;150000' (volts, OSM) → [400, 150] (kV), zeros and blanks dropped."""
    return sorted(
        {int(v) // 1000 for v in text.split(";") if v.strip().isdigit() and int(v) > 0},
        reverse=True,
    )


def grid_substations() -> FeatureTable:
    """Substations (transformerstationer) from the OSM 2017 grid; ``voltage_kv`` = highest level."""
    rows = [r for r in _rows("osm_grid_2017_vertices.csv", "#") if r["typ"] == "substation"]
    volts = [_kv(r["voltage"]) for r in rows]
    return FeatureTable(
        geometries=_points([float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows]),
        columns={
            "osm_v_id": [int(r["v_id"]) for r in rows],
            "name": [r["name"] or None for r in rows],
            "operator": [r["operator"] or None for r in rows],
            "voltage_kv": [v[0] if v else None for v in volts],
            "voltages_kv": [";".join(map(str, v)) or None for v in volts],
        },
        crs=WGS84,
    )


def grid_lines() -> FeatureTable:
    """High-voltage lines and cables (højspændingsledninger), OSM 2017, ``voltage_kv``."""
    rows = list(_rows("osm_grid_2017_links.csv", "#"))
    geoms = shapely.from_wkt([r["wkt_srid_4326"].split(";", 1)[1] for r in rows])
    volts = [_kv(r["voltage"]) for r in rows]
    return FeatureTable(
        geometries=np.asarray(geoms, dtype=object),
        columns={
            "osm_l_id": [int(r["l_id"]) for r in rows],
            "voltage_kv": [v[0] if v else None for v in volts],
            "cables": [int(r["cables"]) if r["cables"].isdigit() else None for r in rows],
            "name": [r["name"] or None for r in rows],
            "operator": [r["operator"] or None for r in rows],
            "length_m": [round(float(r["length_m"]), 1) if r["length_m"] else None for r in rows],
        },
        crs=WGS84,
    )


def towns() -> FeatureTable:
    rows = list(_rows("towns.csv"))
    return FeatureTable(
        geometries=_points([float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows]),
        columns={
            "name": [r["name"] for r in rows],
            "kommune_kode": [r["kommune_kode"] for r in rows],
            "population": [int(r["population"]) for r in rows],
            "population_year": [int(r["population_year"]) for r in rows],
            "population_note": [r["population_note"] for r in rows],
        },
        crs=WGS84,
    )


def universities() -> FeatureTable:
    rows = list(_rows("universities.csv"))
    return FeatureTable(
        geometries=_points([float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows]),
        columns={k: [r[k] for r in rows] for k in ("name", "kind", "kommune_kode")},
        crs=WGS84,
    )


def _place_points() -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Town points by name and municipality representative points by name (lon, lat)."""
    by_town = {
        r["name"].split(" (")[0]: (float(r["lon"]), float(r["lat"])) for r in _rows("towns.csv")
    }
    kommuner = kommuner_table()
    reps = shapely.point_on_surface(kommuner.geometries)
    by_kommune = {
        str(n): (float(p.x), float(p.y))
        for n, p in zip(kommuner.columns["navn"], reps, strict=True)
    }
    return by_town, by_kommune


_PLACE_ALIASES = {"Copenhagen": "København", "Hellerup": "Gentofte"}


def international_schools() -> FeatureTable:
    """International basic schools (points) plus IB/international upper-secondary
    programmes, the latter placed at their town (approximate: the source has no coordinates)."""
    basic = list(_rows("international_schools.csv"))
    lon = [float(r["Longitude"]) for r in basic]
    lat = [float(r["Latitude"]) for r in basic]
    cols: dict[str, list[object]] = {
        "name": [r["School Name"] for r in basic],
        "kommune": [r["Kommune"] for r in basic],
        "level": ["grundskole"] * len(basic),
        "programme": [None] * len(basic),
        "location_accuracy": ["school"] * len(basic),
    }
    by_town, by_kommune = _place_points()
    for r in _rows("international_high_schools.csv"):
        place = _PLACE_ALIASES.get(r["Kommune"], r["Kommune"])
        point = by_town.get(place) or by_kommune.get(place)
        if point is None:
            continue
        lon.append(point[0])
        lat.append(point[1])
        cols["name"].append(r["School Name"])
        cols["kommune"].append(r["Kommune"])
        cols["level"].append("gymnasium")
        cols["programme"].append(r["Program"])
        cols["location_accuracy"].append("town" if place in by_town else "municipality")
    return FeatureTable(geometries=_points(lon, lat), columns=dict(cols), crs=WGS84)


# Where the sources name the area, a hand-placed point (lon, lat); otherwise the main town.
_PARK_POINTS = {"0370": (11.965, 55.175)}  # Industrial Hub Zealand, between Tappernøje and Bårse
_PARK_TOWNS = {"0360": "Rødbyhavn"}  # Lolland's application names Rødbyhavn


def industrial_parks_2025() -> FeatureTable:
    """The 11 national industrial parks of 28 Oct 2025 as points (the facts have no areas)."""
    rows = list(_rows("industrial_parks_2025.csv"))
    main_town: dict[str, tuple[int, str, float, float]] = {}
    for t in _rows("towns.csv"):
        key = t["kommune_kode"]
        cand = (int(t["population"]), t["name"], float(t["lon"]), float(t["lat"]))
        if key not in main_town or cand[0] > main_town[key][0]:
            main_town[key] = cand
    by_name = {t["name"]: (float(t["lon"]), float(t["lat"])) for t in _rows("towns.csv")}
    lon, lat, accuracy = [], [], []
    for r in rows:
        code = r["kommune_kode"]
        if code in _PARK_POINTS:
            point, note = _PARK_POINTS[code], "named area, hand-placed (~3 km)"
        elif code in _PARK_TOWNS:
            point, note = by_name[_PARK_TOWNS[code]], "named town of the application (~3 km)"
        else:
            point, note = (
                main_town[code][2:],
                "main town of the municipality; area not in the sources",
            )
        lon.append(point[0])
        lat.append(point[1])
        accuracy.append(note)
    columns: dict[str, Sequence[object]] = {k: [r[k] for r in rows] for k in rows[0]}
    columns["location_accuracy"] = list(accuracy)
    return FeatureTable(geometries=_points(lon, lat), columns=columns, crs=WGS84)


def synthetic_context() -> LandContext:
    """Land (kommuner) and towns in EPSG:25832 for the synthetic generator."""
    kommuner = kommuner_table()
    land = to_internal(kommuner.geometries, kommuner.crs)
    tr = Transformer.from_crs(WGS84, "EPSG:25832", always_xy=True)
    town_list = []
    for r in _rows("towns.csv"):
        x, y = tr.transform(float(r["lon"]), float(r["lat"]))
        town_list.append(Town(r["name"], float(x), float(y), int(r["population"])))
    return LandContext.build(list(land), town_list)
