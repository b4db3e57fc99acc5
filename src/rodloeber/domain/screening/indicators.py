"""§ 13 stk. 1 and stk. 3 indicators (indikatorer) of the screening.

Nearest substation per voltage class and nearest power line (stk. 1 nr. 3),
motorway, railway and port (nr. 4), population, education, international
schools and business clusters within a radius (nr. 5), and coherence with
an energy park (stk. 3). Facts for the assessment, never a decision.
"""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry

from rodloeber.domain.screening import wording as w
from rodloeber.domain.screening.criteria import (
    BASIS_ELECTRICITY,
    BASIS_ENERGY_PARK,
    BASIS_LABOUR,
    BASIS_TRANSPORT,
    VOLTAGE_CLASSES,
    ScreeningSettings,
)
from rodloeber.domain.screening.index import Hit, LayerIndex, ScreeningIndex
from rodloeber.domain.screening.labels import attr, label_of
from rodloeber.domain.screening.report import CriterionItem

__all__ = ["indicators"]


def indicators(
    geometry: BaseGeometry, index: ScreeningIndex, settings: ScreeningSettings
) -> tuple[CriterionItem, ...]:
    """Every indicator for one area, in report order."""
    return (
        *_electricity(geometry, index),
        *_transport(geometry, index),
        *_labour(geometry, index, settings),
        *_education(geometry, index, settings),
        _energy_park(geometry, index, settings),
    )


def _km(metres: float) -> float:
    return round(metres / 1000.0, 2)


def _nearest_item(
    criterion: str,
    variant: str,
    basis: str,
    layer_name: str,
    layer_index: LayerIndex | None,
    geometry: BaseGeometry,
) -> CriterionItem:
    hit = layer_index.nearest(geometry) if layer_index is not None else None
    if layer_index is None or hit is None:
        status = "no_data" if layer_index is None else "none_found"
        da, en = w.nearest_summary(variant, None, None)
        return CriterionItem(
            criterion, variant, basis, layer_name, status, None, None, summary_da=da, summary_en=en
        )
    name = label_of(layer_index.layer, hit.index)
    da, en = w.nearest_summary(variant, name, _km(hit.distance_m))
    return CriterionItem(
        criterion=criterion,
        variant=variant,
        legal_basis=basis,
        layer=layer_name,
        status="ok",
        nearest=name,
        distance_km=_km(hit.distance_m),
        synthetic=layer_index.layer.provenance.synthetic,
        summary_da=da,
        summary_en=en,
    )


def _electricity(geometry: BaseGeometry, index: ScreeningIndex) -> list[CriterionItem]:
    items: list[CriterionItem] = []
    stations = index.get("grid_substations")
    for label, variant, _lower in VOLTAGE_CLASSES:
        sub = index.substation_classes.get(label)
        if sub is None and stations is not None:
            continue  # the layer has no station of this class
        items.append(
            _nearest_item(
                "electricity", variant, BASIS_ELECTRICITY, "grid_substations", sub, geometry
            )
        )
    items.append(
        _nearest_item(
            "electricity",
            "grid_line",
            BASIS_ELECTRICITY,
            "grid_lines",
            index.get("grid_lines"),
            geometry,
        )
    )
    return items


def _transport(geometry: BaseGeometry, index: ScreeningIndex) -> list[CriterionItem]:
    return [
        _nearest_item("transport", variant, BASIS_TRANSPORT, layer, index.get(layer), geometry)
        for variant, layer in (
            ("motorway", "motorways"),
            ("railway", "railways"),
            ("port", "ports"),
        )
    ]


def _within_item(
    criterion: str,
    variant: str,
    basis: str,
    layer_name: str,
    index: ScreeningIndex,
    geometry: BaseGeometry,
    radius_km: float,
    value_key: str | None = None,
) -> CriterionItem:
    layer_index = index.get(layer_name)
    if layer_index is None:
        da, en = w.within_summary(variant, radius_km, None, None, None)
        return CriterionItem(
            criterion,
            variant,
            basis,
            layer_name,
            "no_data",
            None,
            None,
            within_km=radius_km,
            summary_da=da,
            summary_en=en,
        )
    layer = layer_index.layer
    hits: list[Hit] = layer_index.within(geometry, radius_km * 1000.0)
    nearest = hits[0] if hits else layer_index.nearest(geometry)
    value: float | None = None
    if value_key is not None:
        value = float(sum(_number(attr(layer, h.index, (value_key,))) for h in hits))
    nearest_name = label_of(layer, nearest.index) if nearest else None
    distance = _km(nearest.distance_m) if nearest else None
    da, en = w.within_summary(variant, radius_km, len(hits), value, nearest_name)
    return CriterionItem(
        criterion=criterion,
        variant=variant,
        legal_basis=basis,
        layer=layer_name,
        status="ok" if nearest else "none_found",
        nearest=nearest_name,
        distance_km=distance,
        within_km=radius_km,
        count=len(hits),
        value=value,
        names=tuple(label_of(layer, h.index) for h in hits[:20]),
        synthetic=layer.provenance.synthetic,
        summary_da=da,
        summary_en=en,
    )


def _number(value: object | None) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).replace(" ", "").replace(",", "."))
    except ValueError:
        return 0.0


def _labour(
    geometry: BaseGeometry, index: ScreeningIndex, settings: ScreeningSettings
) -> list[CriterionItem]:
    return [
        _within_item(
            "labour",
            f"population_{radius:g}km",
            BASIS_LABOUR,
            "towns",
            index,
            geometry,
            radius,
            value_key="population",
        )
        for radius in settings.population_radii_km
    ]


def _education(
    geometry: BaseGeometry, index: ScreeningIndex, settings: ScreeningSettings
) -> list[CriterionItem]:
    return [
        _within_item(
            "education",
            "universities",
            BASIS_LABOUR,
            "universities",
            index,
            geometry,
            settings.education_radius_km,
        ),
        _within_item(
            "international_schools",
            "international_schools",
            BASIS_LABOUR,
            "international_schools",
            index,
            geometry,
            settings.schools_radius_km,
        ),
        _within_item(
            "business_clusters",
            "business_clusters",
            BASIS_LABOUR,
            "business_clusters",
            index,
            geometry,
            settings.clusters_radius_km,
        ),
    ]


def _energy_park(
    geometry: BaseGeometry, index: ScreeningIndex, settings: ScreeningSettings
) -> CriterionItem:
    item = _nearest_item(
        "energy_park",
        "energy_park",
        BASIS_ENERGY_PARK,
        "energy_parks",
        index.get("energy_parks"),
        geometry,
    )
    if item.distance_km is None:
        return item
    adjacent = item.distance_km <= settings.energy_park_adjacency_km
    da, en = w.energy_park_summary(
        item.nearest, item.distance_km, adjacent, settings.energy_park_adjacency_km
    )
    return CriterionItem(
        criterion=item.criterion,
        variant=item.variant,
        legal_basis=item.legal_basis,
        layer=item.layer,
        status=item.status,
        nearest=item.nearest,
        distance_km=item.distance_km,
        within_km=settings.energy_park_adjacency_km,
        adjacent=adjacent,
        synthetic=item.synthetic,
        summary_da=da,
        summary_en=en,
    )
