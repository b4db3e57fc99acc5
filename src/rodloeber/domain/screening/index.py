"""Spatial indexes for screening (rumlige indeks), built once per process.

A :class:`LayerIndex` holds one shapely ``STRtree`` over a reference layer.
Large polygons and lines (e.g. marine Natura 2000 areas) are subdivided into
pieces of at most ``max_vertices`` vertices before indexing, like PostGIS
``ST_Subdivide``: every query then touches only small pieces. Pieces map back
to the original object, so results are reported per object.

A :class:`ScreeningIndex` holds one ``LayerIndex`` per layer (and one per
voltage class of substations). It is immutable after construction and safe to
share between threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely import STRtree
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from rodloeber.domain.geo import ReferenceLayer

__all__ = ["Hit", "LayerIndex", "ScreeningIndex", "split_area", "subdivide"]

DEFAULT_MAX_VERTICES = 256


def subdivide(
    geometry: BaseGeometry, max_vertices: int = DEFAULT_MAX_VERTICES
) -> list[BaseGeometry]:
    """Split a geometry into pieces with at most ``max_vertices`` vertices.

    Pieces are cut along the longer side of the bounding box at its middle
    (robust ``intersection``, not ``clip_by_rect``, so pieces stay valid);
    their union equals the input and their interiors are disjoint.
    """
    if geometry.is_empty:
        return []
    if shapely.get_num_coordinates(geometry) <= max_vertices or geometry.geom_type == "Point":
        return [geometry]
    minx, miny, maxx, maxy = geometry.bounds
    if maxx - minx >= maxy - miny:
        mid = (minx + maxx) / 2.0
        halves = (box(minx, miny, mid, maxy), box(mid, miny, maxx, maxy))
    else:
        mid = (miny + maxy) / 2.0
        halves = (box(minx, miny, maxx, mid), box(minx, mid, maxx, maxy))
    if max(maxx - minx, maxy - miny) < 1e-6:  # degenerate: cannot split further
        return [geometry]
    pieces: list[BaseGeometry] = []
    dimension = shapely.get_dimensions(geometry)
    for half in halves:
        part = shapely.intersection(geometry, half)
        if part.is_empty:
            continue
        # Keep only parts of the input's dimension (drop boundary slivers).
        for single in shapely.get_parts(part):
            if shapely.get_dimensions(single) == dimension:
                pieces.extend(subdivide(single, max_vertices))
    return pieces


@dataclass(frozen=True)
class Hit:
    """One original object found by a query, with its distance or overlap."""

    index: int
    distance_m: float = 0.0
    overlap_m2: float = 0.0


class LayerIndex:
    """An STRtree over (subdivided) geometries of one layer."""

    def __init__(
        self,
        layer: ReferenceLayer,
        members: Sequence[int] | None = None,
        max_vertices: int = DEFAULT_MAX_VERTICES,
    ) -> None:
        chosen = range(len(layer.geometries)) if members is None else members
        parts: list[BaseGeometry] = []
        source: list[int] = []
        for i in chosen:
            geom = layer.geometries[i]
            if geom is None or geom.is_empty:
                continue
            for piece in subdivide(geom, max_vertices):
                parts.append(piece)
                source.append(i)
        parts_array = np.empty(len(parts), dtype=object)
        parts_array[:] = parts
        self._set(layer, parts_array, np.array(source, dtype=np.int64), None)

    def _set(
        self,
        layer: ReferenceLayer,
        parts: NDArray[np.object_],
        source: NDArray[np.int64],
        self_overlapping: bool | None,
    ) -> None:
        self.layer = layer
        self.parts: NDArray[np.object_] = parts
        self.source: NDArray[np.int64] = source
        self.tree = STRtree(self.parts)
        self.self_overlapping = (
            self._self_overlapping() if self_overlapping is None else self_overlapping
        )

    @classmethod
    def from_parts(
        cls,
        layer: ReferenceLayer,
        parts: NDArray[np.object_],
        source: NDArray[np.int64],
        self_overlapping: bool,
    ) -> LayerIndex:
        """An index over pieces subdivided earlier (a prepared index, see ``prepared``).

        Skips the subdivision and the self-overlap test (their results are given):
        only the STRtree is built, which takes milliseconds.
        """
        index = cls.__new__(cls)
        index._set(layer, parts, source, self_overlapping)
        return index

    def _self_overlapping(self) -> bool:
        """Whether two objects of the layer overlap (then totals need a union)."""
        if not len(self.parts) or shapely.get_dimensions(self.parts[0]) != 2:
            return False
        for predicate in ("overlaps", "contains"):
            left, right = self.tree.query(self.parts, predicate=predicate)
            if np.any(self.source[left] != self.source[right]):
                return True
        return False

    def __len__(self) -> int:
        return len(self.parts)

    @property
    def is_polygonal(self) -> bool:
        return bool(len(self.parts)) and shapely.get_dimensions(self.parts[0]) == 2

    def overlaps(
        self, geometry: BaseGeometry, area_parts: NDArray[np.object_] | None = None
    ) -> tuple[list[Hit], float]:
        """Objects whose area overlaps ``geometry``, and the total overlap in m².

        The total counts overlapping objects of the same layer once (union).
        ``area_parts`` (from :func:`split_area`) are disjoint pieces of
        ``geometry``: each layer piece is then intersected only with the
        small area pieces it touches, so the cost no longer grows with
        (area vertices × layer pieces) — a detailed 50,000-vertex area took
        seconds per layer before (issue #20).
        """
        if not len(self.parts):
            return [], 0.0
        if area_parts is not None and len(area_parts) > 1:
            left, idx = self.tree.query(area_parts, predicate="intersects")
            if not len(idx):
                return [], 0.0
            pieces = shapely.intersection(self.parts[idx], area_parts[left])
        else:
            idx = self.tree.query(geometry, predicate="intersects")
            if not len(idx):
                return [], 0.0
            pieces = shapely.intersection(self.parts[idx], geometry)
        areas = shapely.area(pieces)
        keep = areas > 0.0
        idx, pieces, areas = idx[keep], pieces[keep], areas[keep]
        if not len(idx):
            return [], 0.0
        sources = self.source[idx]
        unique, inverse = np.unique(sources, return_inverse=True)
        per_source = np.bincount(inverse, weights=areas)
        hits = [
            Hit(index=int(src), overlap_m2=float(m2))
            for src, m2 in zip(unique.tolist(), per_source.tolist(), strict=True)
        ]
        if len(hits) == 1 or not self.self_overlapping:
            total = float(areas.sum())  # pieces and objects are disjoint: areas add up
        else:
            total = float(shapely.area(shapely.union_all(pieces)))
        hits.sort(key=lambda h: -h.overlap_m2)
        return hits, total

    def nearest(self, geometry: BaseGeometry) -> Hit | None:
        """The nearest object and its distance in metres (0 when touching)."""
        if not len(self.parts):
            return None
        indices, distances = self.tree.query_nearest(
            geometry, return_distance=True, all_matches=False
        )
        if not len(indices):
            return None
        return Hit(index=int(self.source[int(indices[0])]), distance_m=float(distances[0]))

    def within(self, geometry: BaseGeometry, distance_m: float) -> list[Hit]:
        """Objects within ``distance_m`` of ``geometry``, nearest first."""
        if not len(self.parts):
            return []
        idx = self.tree.query(geometry, predicate="dwithin", distance=distance_m)
        if not len(idx):
            return []
        dists = shapely.distance(self.parts[idx], geometry)
        best: dict[int, float] = {}
        for src, dist in zip(self.source[idx].tolist(), dists.tolist(), strict=True):
            if src not in best or dist < best[src]:
                best[src] = dist
        return [Hit(index=i, distance_m=d) for i, d in sorted(best.items(), key=lambda kv: kv[1])]


def split_area(
    geometry: BaseGeometry, max_vertices: int = DEFAULT_MAX_VERTICES
) -> NDArray[np.object_]:
    """The area to screen as disjoint pieces of at most ``max_vertices`` vertices.

    Cut once per screening and shared by every layer's :meth:`LayerIndex.overlaps`.
    """
    return np.array(subdivide(geometry, max_vertices), dtype=object)


VoltageClassifier = Callable[[object], str | None]


class ScreeningIndex:
    """One LayerIndex per available layer, built once; missing layers are recorded.

    ``substation_classes`` splits the substation layer by voltage class so
    the nearest station *of each class* is one tree query.
    """

    def __init__(
        self,
        layers: Mapping[str, ReferenceLayer],
        *,
        substation_layer: str = "grid_substations",
        voltage_classifier: VoltageClassifier | None = None,
        max_vertices: int = DEFAULT_MAX_VERTICES,
        prepared: Mapping[str, LayerIndex] | None = None,
    ) -> None:
        """``prepared`` maps layer names to ready indexes (read from disk); the
        other layers are subdivided and indexed here."""
        self.layers: dict[str, ReferenceLayer] = dict(layers)
        ready = dict(prepared or {})
        self.indexes: dict[str, LayerIndex] = {
            name: ready[name] if name in ready else LayerIndex(layer, max_vertices=max_vertices)
            for name, layer in layers.items()
        }
        self.substation_classes: dict[str, LayerIndex] = {}
        stations = self.layers.get(substation_layer)
        if stations is not None and voltage_classifier is not None:
            groups: dict[str, list[int]] = {}
            for i, attrs in enumerate(_attribute_rows(stations)):
                label = voltage_classifier(attrs.get("voltage_kv"))
                if label is not None:
                    groups.setdefault(label, []).append(i)
            self.substation_classes = {
                label: LayerIndex(stations, members, max_vertices)
                for label, members in groups.items()
            }

    def get(self, name: str) -> LayerIndex | None:
        return self.indexes.get(name)

    def names(self) -> list[str]:
        return sorted(self.layers)


def _attribute_rows(layer: ReferenceLayer) -> Iterable[Mapping[str, object]]:
    if layer.attributes:
        return layer.attributes
    return ({} for _ in layer.geometries)
