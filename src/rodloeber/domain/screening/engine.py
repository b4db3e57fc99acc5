"""The screening engine (screening af et areal efter § 13).

``screen(area, index)`` reports, for one area in EPSG:25832: the § 13 stk. 2
exclusions (overlap in ha and share per layer, with the overlapped objects'
names), the § 13 stk. 1 indicators (nearest substation per voltage class,
motorway, railway, port, population within 20/40 km, universities and
business academies, international schools and business clusters within
40 km), energy-park adjacency (§ 13 stk. 3), and the kommune and region.
Every item carries its legal basis and its layer; the report lists every
layer's provenance. Pure function of its arguments; no globals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.cpu_budget import checkpoint
from rodloeber.domain.geo import ReferenceLayer
from rodloeber.domain.screening import wording as w
from rodloeber.domain.screening.criteria import (
    EXCLUSIONS,
    ID_KEYS,
    ExclusionSpec,
    ScreeningSettings,
    voltage_class,
)
from rodloeber.domain.screening.errors import GeometryError
from rodloeber.domain.screening.geometry import AreaOfInterest
from rodloeber.domain.screening.index import LayerIndex, ScreeningIndex, split_area
from rodloeber.domain.screening.indicators import indicators
from rodloeber.domain.screening.labels import attr, label_of
from rodloeber.domain.screening.report import (
    ExclusionItem,
    MunicipalityShare,
    OverlapObject,
    ScreeningReport,
)

__all__ = ["build_index", "screen"]

KOMMUNE_CODE_KEYS = ("kode", "kommunekode", "kommune_kode", "komkode", "Kommunekode")
REGION_CODE_KEYS = ("kode", "regionskode", "region_kode", "Regionskode")


def build_index(
    layers: Iterable[ReferenceLayer], prepared: Mapping[str, LayerIndex] | None = None
) -> ScreeningIndex:
    """Build the STRtrees for every given layer (call once per process).

    ``prepared`` holds layer indexes read from disk (``domain.screening.prepared``);
    only the other layers are subdivided here.
    """
    return ScreeningIndex(
        {layer.name: layer for layer in layers},
        voltage_classifier=voltage_class,
        prepared=prepared,
    )


def screen(
    area: AreaOfInterest | BaseGeometry,
    index: ScreeningIndex,
    settings: ScreeningSettings | None = None,
) -> ScreeningReport:
    """Screen one area (EPSG:25832) against the indexed reference layers."""
    settings = settings or ScreeningSettings()
    geometry = area.geometry if isinstance(area, AreaOfInterest) else area
    area_m2 = float(geometry.area)
    if area_m2 <= 0:
        raise GeometryError("too_small", "Arealet er tomt.", "The area is empty.")
    parts = split_area(geometry)  # once: every layer intersects small pieces (issue #20)
    kommuner, land_share, top = _municipalities(geometry, parts, index.get("kommuner"), area_m2)
    if land_share is not None and land_share == 0.0:
        raise GeometryError(
            "outside_denmark",
            "Arealet overlapper ingen dansk kommune (det ligger i havet eller uden for Danmark).",
            "The area overlaps no Danish municipality (it is at sea or outside Denmark).",
        )
    region = _region(geometry, parts, index, top)
    exclusions = tuple(
        _exclusion(spec, geometry, parts, area_m2, index, settings) for spec in EXCLUSIONS
    )
    checkpoint("screening")
    criteria = indicators(geometry, index, settings)
    checkpoint("screening")
    excluded = any(
        e.status == "overlaps" and e.overlap_ha >= settings.sliver_ha for e in exclusions
    )
    wanted = {s.layer for s in EXCLUSIONS} | {c.layer for c in criteria} | {"kommuner", "regioner"}
    missing = tuple(sorted(name for name in wanted if name not in index.layers))
    layers = tuple(index.layers[name].provenance for name in index.names())
    notes_da, notes_en = w.notes(layers, missing)
    first = kommuner[0] if kommuner else None
    return ScreeningReport(
        area_ha=round(area_m2 / 10_000.0, 2),
        kommune_kode=first.code if first else None,
        kommune_navn=first.name if first else None,
        region_kode=region[0] if region else None,
        region_navn=region[1] if region else None,
        kommuner=kommuner,
        land_share=None if land_share is None else round(land_share, 4),
        excluded=excluded,
        exclusions=exclusions,
        criteria=criteria,
        layers=layers,
        missing_layers=missing,
        notes_da=notes_da,
        notes_en=notes_en,
    )


def _municipalities(
    geometry: BaseGeometry,
    parts: NDArray[np.object_],
    kommuner: LayerIndex | None,
    area_m2: float,
) -> tuple[tuple[MunicipalityShare, ...], float | None, int | None]:
    """Kommuner overlapping the area (largest share first), the land share, the top row."""
    if kommuner is None:
        return (), None, None
    hits, total = kommuner.overlaps(geometry, parts)
    layer = kommuner.layer
    shares = tuple(
        MunicipalityShare(
            code=str(attr(layer, h.index, KOMMUNE_CODE_KEYS) or ""),
            name=label_of(layer, h.index),
            share=round(h.overlap_m2 / area_m2, 4),
        )
        for h in hits
    )
    return shares, min(total / area_m2, 1.0), (hits[0].index if hits else None)


def _region(
    geometry: BaseGeometry,
    parts: NDArray[np.object_],
    index: ScreeningIndex,
    top_kommune: int | None,
) -> tuple[str, str] | None:
    """The region with the largest overlap; else the top kommune's region attributes."""
    regioner = index.get("regioner")
    if regioner is not None:
        hits, _ = regioner.overlaps(geometry, parts)
        if hits:
            layer = regioner.layer
            code = attr(layer, hits[0].index, REGION_CODE_KEYS)
            return str(code or ""), label_of(layer, hits[0].index)
    kommune_index = index.get("kommuner")
    if top_kommune is not None and kommune_index is not None:
        layer = kommune_index.layer
        code = attr(layer, top_kommune, ("regionskode",))
        name = attr(layer, top_kommune, ("regionsnavn",))
        if code is not None:
            return str(code), str(name or "")
    return None


def _exclusion(
    spec: ExclusionSpec,
    geometry: BaseGeometry,
    parts: NDArray[np.object_],
    area_m2: float,
    index: ScreeningIndex,
    settings: ScreeningSettings,
) -> ExclusionItem:
    checkpoint("screening")  # one layer's intersection per step (issue #20: 2 s CPU)
    layer_index = index.get(spec.layer)
    if layer_index is None:
        da, en = w.exclusion_no_data(spec)
        return ExclusionItem(
            spec.criterion,
            spec.layer,
            spec.legal_basis,
            "no_data",
            0.0,
            0.0,
            (),
            0,
            spec.indicative,
            False,
            da,
            en,
        )
    layer = layer_index.layer
    hits, total_m2 = layer_index.overlaps(geometry, parts)
    overlap_ha = round(total_m2 / 10_000.0, 2)
    share = round(min(total_m2 / area_m2, 1.0), 4)
    objects = tuple(
        OverlapObject(
            name=label_of(layer, h.index, spec.name_keys),
            identifier=_str_or_none(attr(layer, h.index, (*spec.id_keys, *ID_KEYS))),
            overlap_ha=round(h.overlap_m2 / 10_000.0, 4),
        )
        for h in hits[: settings.max_objects]
    )
    if not hits:
        status = "clear"
    elif spec.needs_assessment:
        status = "needs_assessment"
    else:
        status = "overlaps"
    da, en = w.exclusion_summary(spec, status, overlap_ha, share)
    return ExclusionItem(
        criterion=spec.criterion,
        layer=spec.layer,
        legal_basis=spec.legal_basis,
        status=status,
        overlap_ha=overlap_ha,
        share=share,
        objects=objects,
        objects_count=len(hits),
        indicative=spec.indicative,
        synthetic=layer.provenance.synthetic,
        summary_da=da,
        summary_en=en,
    )


def _str_or_none(value: object | None) -> str | None:
    return None if value is None else str(value)
