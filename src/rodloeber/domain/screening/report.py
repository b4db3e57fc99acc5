"""The screening report (screeningsrapport) — the public ScreeningReport contract.

Field names of ``POST /api/v1/screening`` are fixed by ``docs/api.md``
(``area_ha``, ``kommune_kode``, ``excluded``, ``exclusions[]`` with
``criterion``/``overlap_ha``/``share``/``legal_basis``, ``criteria[]`` with
``criterion``/``nearest``/``distance_km``/``legal_basis``, ``layers[]``);
everything else here is an addition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rodloeber.domain.geo import Provenance

__all__ = [
    "CriterionItem",
    "ExclusionItem",
    "MunicipalityShare",
    "OverlapObject",
    "ScreeningReport",
]


@dataclass(frozen=True)
class OverlapObject:
    """One registered object that overlaps the area (fx en § 3-registrering)."""

    name: str
    identifier: str | None
    overlap_ha: float

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "id": self.identifier, "overlap_ha": self.overlap_ha}


@dataclass(frozen=True)
class ExclusionItem:
    """One § 13 stk. 2 exclusion ground (udelukkelsesgrund) checked against one layer.

    ``status``: ``clear`` (no overlap), ``overlaps`` (registered objects
    overlap the area), ``needs_assessment`` (overlap, but the law requires
    more than the register shows — fredninger only count if the area also
    meets the criteria for protected nature), ``no_data`` (layer missing).
    """

    criterion: str
    layer: str
    legal_basis: str
    status: str
    overlap_ha: float
    share: float
    objects: tuple[OverlapObject, ...]
    objects_count: int
    indicative: bool
    synthetic: bool
    summary_da: str
    summary_en: str

    def to_dict(self) -> dict[str, object]:
        return {
            "criterion": self.criterion,
            "overlap_ha": self.overlap_ha,
            "share": self.share,
            "legal_basis": self.legal_basis,
            "layer": self.layer,
            "status": self.status,
            "objects": [o.to_dict() for o in self.objects],
            "objects_count": self.objects_count,
            "indicative": self.indicative,
            "synthetic": self.synthetic,
            "summary_da": self.summary_da,
            "summary_en": self.summary_en,
        }


@dataclass(frozen=True)
class CriterionItem:
    """One § 13 stk. 1 (or stk. 3) indicator (indikator), not a decision.

    ``variant`` distinguishes several indicators under one criterion (e.g.
    ``substation_400kv``, ``motorway``, ``population_20km``). ``count`` and
    ``value`` hold the number of objects and a summed value (e.g. population)
    within ``within_km``.
    """

    criterion: str
    variant: str
    legal_basis: str
    layer: str
    status: str
    nearest: str | None
    distance_km: float | None
    within_km: float | None = None
    count: int | None = None
    value: float | None = None
    names: tuple[str, ...] = ()
    adjacent: bool | None = None
    synthetic: bool = False
    summary_da: str = ""
    summary_en: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "criterion": self.criterion,
            "nearest": self.nearest,
            "distance_km": self.distance_km,
            "legal_basis": self.legal_basis,
            "variant": self.variant,
            "layer": self.layer,
            "status": self.status,
            "within_km": self.within_km,
            "count": self.count,
            "value": self.value,
            "names": list(self.names),
            "adjacent": self.adjacent,
            "synthetic": self.synthetic,
            "summary_da": self.summary_da,
            "summary_en": self.summary_en,
        }


@dataclass(frozen=True)
class MunicipalityShare:
    """A kommune (or region) the area lies in, with the share of the area."""

    code: str
    name: str
    share: float

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "share": self.share}


@dataclass(frozen=True)
class ScreeningReport:
    """Result of screening one area against the reference layers."""

    area_ha: float
    kommune_kode: str | None
    kommune_navn: str | None
    region_kode: str | None
    region_navn: str | None
    kommuner: tuple[MunicipalityShare, ...]
    land_share: float | None
    excluded: bool
    exclusions: tuple[ExclusionItem, ...]
    criteria: tuple[CriterionItem, ...]
    layers: tuple[Provenance, ...]
    missing_layers: tuple[str, ...] = ()
    notes_da: tuple[str, ...] = field(default_factory=tuple)
    notes_en: tuple[str, ...] = field(default_factory=tuple)

    @property
    def synthetic_data_used(self) -> bool:
        return any(p.synthetic for p in self.layers)

    def to_dict(self) -> dict[str, object]:
        return {
            "area_ha": self.area_ha,
            "kommune_kode": self.kommune_kode,
            "excluded": self.excluded,
            "exclusions": [e.to_dict() for e in self.exclusions],
            "criteria": [c.to_dict() for c in self.criteria],
            "layers": [p.to_dict() for p in self.layers],
            "kommune_navn": self.kommune_navn,
            "region_kode": self.region_kode,
            "region_navn": self.region_navn,
            "kommuner": [k.to_dict() for k in self.kommuner],
            "land_share": self.land_share,
            "missing_layers": list(self.missing_layers),
            "synthetic_data_used": self.synthetic_data_used,
            "notes_da": list(self.notes_da),
            "notes_en": list(self.notes_en),
        }
