"""Search in vacant business land (søgning i ledige erhvervsarealer), framework-free.

- :class:`LandFilter` and :func:`parse_filter`: the filters of ``/kort`` and
  ``GET /api/v1/land/areas`` from query parameters, with Danish/English errors.
- :func:`matches`: the same filter applied to one :class:`AreaFacts` in
  Python (the reference the database query is tested against).
- :class:`InfrastructureIndex`: precomputes distances (km) from areas to
  motorway, railway, port and substations (>= 132 kV, >= 400 kV) with
  shapely STRtrees, plus kommune, region and industrial park membership.
  :func:`naive_distances` is the full-scan baseline for benchmarks.

All geometries are EPSG:25832 (metres).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from rodloeber.domain.errors import DomainError, ErrorDetail
from rodloeber.domain.landcodes import ENV_CLASSES, REGIONS, SPECIFIC_USES, STATUSES, ZONES
from rodloeber.domain.landdistance import (
    DISTANCE_KEYS,
    Distances,
    InfrastructureIndex,
    naive_distances,
)

__all__ = [
    "DISTANCE_KEYS",
    "AreaFacts",
    "Distances",
    "InfrastructureIndex",
    "LandFilter",
    "LandFilterError",
    "matches",
    "naive_distances",
    "parse_filter",
]

SUBSTATION_KV = (132, 400)
MAX_KM = 1000.0
MAX_LIMIT = 1000


class LandFilterError(DomainError):
    """Invalid filter values; ``errors`` holds (field, Danish, English) per problem."""

    def __init__(self, errors: Sequence[tuple[str, str, str]]) -> None:
        self.errors = list(errors)
        super().__init__(
            "Filtrene indeholder ugyldige værdier: " + "; ".join(e[1] for e in self.errors),
            "The filters have invalid values: " + "; ".join(e[2] for e in self.errors),
        )

    def details(self) -> list[ErrorDetail]:
        return [ErrorDetail(field, "invalid", da, en) for field, da, en in self.errors]


@dataclass(frozen=True)
class LandFilter:
    """What a site seeker asks for. ``None`` / empty means "no limit"."""

    min_available_ha: float | None = None
    max_available_ha: float | None = None
    uses: tuple[int, ...] = ()
    min_env_class: int | None = None  # the area must allow at least this miljøklasse
    min_height_m: float | None = None  # the plan must allow buildings at least this tall
    zones: tuple[int, ...] = ()
    kommuner: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    in_industrial_park: bool | None = None
    max_km_motorway: float | None = None
    max_km_rail: float | None = None
    max_km_port: float | None = None
    max_km_substation: float | None = None
    substation_kv: int = 132
    bbox: tuple[float, float, float, float] | None = None  # lon/lat (EPSG:4326)

    def is_empty(self) -> bool:
        return self == LandFilter(substation_kv=self.substation_kv)

    def substation_key(self) -> str:
        return f"km_substation_{self.substation_kv}"

    def to_params(self) -> dict[str, str]:
        """Query parameters that :func:`parse_filter` turns back into this filter."""
        params: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == () or (f.name == "substation_kv" and value == 132):
                continue
            key = _PARAM_NAMES.get(f.name, f.name)
            if isinstance(value, tuple):
                params[key] = ",".join(_fmt(v) for v in value)
            elif isinstance(value, bool):
                params[key] = "true" if value else "false"
            else:
                params[key] = _fmt(value)
        return params


_PARAM_NAMES = {
    "uses": "use",
    "zones": "zone",
    "kommuner": "kommune",
    "regions": "region",
    "statuses": "status",
    "min_env_class": "miljoklasse",
    "min_height_m": "min_height_m",
}


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True)
class AreaFacts:
    """The searchable facts of one business area (what the database stores)."""

    available_ha: float
    anvspec: int | None = None
    maxmiljo: int | None = None
    maxbygnhjd: float | None = None
    zone: int | None = None
    komnr: str = ""
    region_code: str = ""
    status: str = "ledig"
    in_industrial_park: bool = False
    km_motorway: float | None = None
    km_rail: float | None = None
    km_port: float | None = None
    km_substation_132: float | None = None
    km_substation_400: float | None = None
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # lon/lat


def _within(value: float | None, limit: float | None) -> bool:
    return limit is None or (value is not None and value <= limit)


def matches(area: AreaFacts, flt: LandFilter) -> bool:
    """True when ``area`` passes every filter (unknown values never pass a limit)."""
    checks = (
        flt.min_available_ha is None or area.available_ha >= flt.min_available_ha,
        flt.max_available_ha is None or area.available_ha <= flt.max_available_ha,
        not flt.uses or area.anvspec in flt.uses,
        flt.min_env_class is None or (area.maxmiljo or 0) >= flt.min_env_class,
        flt.min_height_m is None or (area.maxbygnhjd or 0.0) >= flt.min_height_m,
        not flt.zones or area.zone in flt.zones,
        not flt.kommuner or area.komnr in flt.kommuner,
        not flt.regions or area.region_code in flt.regions,
        not flt.statuses or area.status in flt.statuses,
        flt.in_industrial_park is None or area.in_industrial_park == flt.in_industrial_park,
        _within(area.km_motorway, flt.max_km_motorway),
        _within(area.km_rail, flt.max_km_rail),
        _within(area.km_port, flt.max_km_port),
        _within(getattr(area, flt.substation_key()), flt.max_km_substation),
    )
    if not all(checks):
        return False
    if flt.bbox is None:
        return True
    minx, miny, maxx, maxy = flt.bbox
    a = area.bbox
    return a[0] <= maxx and a[2] >= minx and a[1] <= maxy and a[3] >= miny


# --- parsing query parameters -------------------------------------------------------------

Params = Mapping[str, Sequence[str]]


def _values(params: Params, key: str) -> list[str]:
    raw = params.get(key) or []
    if isinstance(raw, str):
        raw = [raw]
    out: list[str] = []
    for item in raw:
        out.extend(v.strip() for v in str(item).split(",") if v.strip())
    return out


class _Parser:
    def __init__(self, params: Params) -> None:
        self.params = params
        self.errors: list[tuple[str, str, str]] = []

    def number(self, key: str, low: float, high: float) -> float | None:
        raw = self.params.get(key) or []
        text = (raw if isinstance(raw, str) else (raw[0] if raw else "")).strip()
        if not text:
            return None
        try:
            value = float(text.replace(",", "."))  # Danish decimal comma
        except ValueError:
            self.errors.append((key, f"{key}: skal være et tal", f"{key}: must be a number"))
            return None
        if not (low <= value <= high) or value != value:
            self.errors.append(
                (
                    key,
                    f"{key}: skal ligge mellem {low:g} og {high:g}",
                    f"{key}: must be between {low:g} and {high:g}",
                )
            )
            return None
        return value

    def choices(self, key: str, allowed: Sequence[str]) -> tuple[str, ...]:
        vals = _values(self.params, key)
        bad = [v for v in vals if v not in allowed]
        if bad:
            self.errors.append(
                (
                    key,
                    f"{key}: ukendt værdi {', '.join(bad[:3])}",
                    f"{key}: unknown value {', '.join(bad[:3])}",
                )
            )
        return tuple(dict.fromkeys(v for v in vals if v in allowed))

    def boolean(self, key: str) -> bool | None:
        vals = _values(self.params, key)
        if not vals or vals[0] == "":
            return None
        value = vals[0].lower()
        if value in ("true", "1", "yes", "ja", "on"):
            return True
        if value in ("false", "0", "no", "nej", "off"):
            return False
        self.errors.append(
            (key, f"{key}: skal være true eller false", f"{key}: must be true or false")
        )
        return None

    def bbox(self) -> tuple[float, float, float, float] | None:
        vals = _values(self.params, "bbox")
        if not vals:
            return None
        try:
            nums = [float(v) for v in vals]
        except ValueError:
            nums = []
        ok = len(nums) == 4 and nums[0] < nums[2] and nums[1] < nums[3]
        if (
            ok
            and all(-180 <= nums[i] <= 180 for i in (0, 2))
            and all(-90 <= nums[i] <= 90 for i in (1, 3))
        ):
            return (nums[0], nums[1], nums[2], nums[3])
        self.errors.append(
            (
                "bbox",
                "bbox: skal være min_lon,min_lat,max_lon,max_lat (EPSG:4326)",
                "bbox: must be min_lon,min_lat,max_lon,max_lat (EPSG:4326)",
            )
        )
        return None


def _ints(values: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(int(v) for v in values)


def parse_filter(params: Params) -> LandFilter:
    """A :class:`LandFilter` from query parameters (lists or comma-separated values).

    Raises :class:`LandFilterError` listing every invalid parameter.
    """
    p = _Parser(params)
    kommuner = tuple(dict.fromkeys(_values(params, "kommune")))
    for code in kommuner:
        if not (len(code) == 4 and code.isdigit()):
            p.errors.append(
                (
                    "kommune",
                    f"kommune: {code[:8]} er ikke en kommunekode",
                    f"kommune: {code[:8]} is not a municipality code",
                )
            )
    kv = p.choices("substation_kv", [str(k) for k in SUBSTATION_KV])
    hectares = 1_000_000.0
    flt = LandFilter(
        min_available_ha=p.number("min_available_ha", 0, hectares),
        max_available_ha=p.number("max_available_ha", 0, hectares),
        uses=_ints(p.choices("use", [str(c) for c in SPECIFIC_USES])),
        min_env_class=_int_or_none(p.number("miljoklasse", min(ENV_CLASSES), max(ENV_CLASSES))),
        min_height_m=p.number("min_height_m", 0, 500),
        zones=_ints(p.choices("zone", [str(z) for z in ZONES])),
        kommuner=kommuner,
        regions=p.choices("region", list(REGIONS)),
        statuses=p.choices("status", list(STATUSES)),
        in_industrial_park=p.boolean("in_industrial_park"),
        max_km_motorway=p.number("max_km_motorway", 0, MAX_KM),
        max_km_rail=p.number("max_km_rail", 0, MAX_KM),
        max_km_port=p.number("max_km_port", 0, MAX_KM),
        max_km_substation=p.number("max_km_substation", 0, MAX_KM),
        substation_kv=int(kv[0]) if kv else 132,
        bbox=p.bbox(),
    )
    if p.errors:
        raise LandFilterError(p.errors)
    return flt


def _int_or_none(value: float | None) -> int | None:
    return None if value is None else int(value)
