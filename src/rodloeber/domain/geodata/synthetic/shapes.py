"""Vectorised shape maths for the generator (formgenerering): points, blobs, filters."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely

from rodloeber.domain.geodata.synthetic.context import LandContext

FloatArray = npt.NDArray[np.float64]
GeomArray = npt.NDArray[np.object_]


def sample_on_land(
    rng: np.random.Generator, ctx: LandContext, n: int, west_bias: float = 0.0
) -> tuple[FloatArray, FloatArray]:
    """``n`` uniform points on land; ``west_bias`` > 0 favours western Jutland (heaths)."""
    xmin, ymin, xmax, ymax = shapely.bounds(ctx.land)
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    have = 0
    while have < n:
        m = max(4 * (n - have), 1024)
        x = rng.uniform(xmin, xmax, m)
        y = rng.uniform(ymin, ymax, m)
        keep = shapely.contains_xy(ctx.land, x, y)
        if west_bias:
            weight = np.clip(1.0 - west_bias * (x - 450_000.0) / 250_000.0, 0.05, 1.0)
            keep &= rng.random(m) < weight
        xs.append(x[keep])
        ys.append(y[keep])
        have += int(keep.sum())
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def sample_on_coast(
    rng: np.random.Generator, ctx: LandContext, n: int
) -> tuple[FloatArray, FloatArray]:
    """``n`` points on the coastline, uniformly by length."""
    lengths = shapely.length(ctx.coast_parts)
    pick = rng.choice(len(lengths), size=n, p=lengths / lengths.sum())
    pts = shapely.line_interpolate_point(ctx.coast_parts[pick], rng.random(n), normalized=True)
    xy = shapely.get_coordinates(pts)
    return xy[:, 0].copy(), xy[:, 1].copy()


def blobs(
    rng: np.random.Generator,
    cx: FloatArray,
    cy: FloatArray,
    radius: FloatArray,
    vertices: int | npt.NDArray[np.int64],
    roughness: float = 0.35,
    max_elongation: float = 2.0,
) -> GeomArray:
    """Irregular star-shaped polygons (always valid) around the given centres.

    The radius varies with a few random harmonics (roughness < 0.6 keeps it
    positive), the shape is stretched and rotated, so lakes, bogs and heaths
    look organic rather than circular. ``vertices`` may vary per polygon.
    """
    n = len(cx)
    counts = np.broadcast_to(np.asarray(vertices, dtype=np.int64), (n,))
    out = np.empty(n, dtype=object)
    for k in np.unique(counts):
        idx = np.flatnonzero(counts == k)
        out[idx] = _blobs_k(rng, cx[idx], cy[idx], radius[idx], int(k), roughness, max_elongation)
    return out


def _blobs_k(
    rng: np.random.Generator,
    cx: FloatArray,
    cy: FloatArray,
    radius: FloatArray,
    k: int,
    roughness: float,
    max_elongation: float,
) -> GeomArray:
    n = len(cx)
    theta = np.linspace(0.0, 2 * np.pi, k, endpoint=False)[None, :]
    theta = theta + rng.uniform(-0.3, 0.3, (n, k)) * (np.pi / k)
    r = np.ones((n, k))
    amplitude = roughness * rng.dirichlet(np.ones(4), n)  # sums to roughness
    harmonics = np.array([2, 3, 5, 9])
    phase = rng.uniform(0, 2 * np.pi, (n, 4))
    for j, h in enumerate(harmonics):
        r += amplitude[:, j : j + 1] * np.cos(h * theta + phase[:, j : j + 1])
    r *= 1 + rng.uniform(-0.05, 0.05, (n, k))  # fine jitter on the edge
    stretch = np.sqrt(rng.uniform(1.0, max_elongation, n))[:, None]
    angle = rng.uniform(0, np.pi, n)[:, None]
    ux, uy = r * np.cos(theta) * stretch, r * np.sin(theta) / stretch
    rx = ux * np.cos(angle) - uy * np.sin(angle)
    ry = ux * np.sin(angle) + uy * np.cos(angle)
    scale = radius[:, None]
    coords = np.stack([cx[:, None] + rx * scale, cy[:, None] + ry * scale], axis=2)
    coords = np.concatenate([coords, coords[:, :1, :]], axis=1).round(2)
    result: GeomArray = shapely.polygons(coords)
    return result


def radius_for_area(area_ha: FloatArray) -> FloatArray:
    """Mean radius of a blob whose area is about ``area_ha`` hectares."""
    result: FloatArray = np.sqrt(area_ha * 10_000.0 / np.pi)
    return result


def on_land(
    ctx: LandContext,
    geoms: GeomArray,
    centres: npt.NDArray[np.float64] | None = None,
) -> npt.NDArray[np.bool_]:
    """True for polygons whose centre is on land and whose edge crosses no coastline.

    ``centres`` (n x 2) saves computing centroids when the caller knows them.
    """
    c = shapely.get_coordinates(shapely.centroid(geoms)) if centres is None else centres
    inside: npt.NDArray[np.bool_] = shapely.contains_xy(ctx.land, c[:, 0], c[:, 1])
    hits = ctx.coast_tree.query(geoms, predicate="intersects")
    inside[np.unique(hits[0])] = False
    return inside


def drop_overlaps(geoms: GeomArray, keep: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Drop every kept polygon that touches an earlier kept one (earlier wins)."""
    idx = np.flatnonzero(keep)
    tree = shapely.STRtree(geoms[idx])
    a, b = tree.query(geoms[idx], predicate="intersects")
    later = np.maximum(a, b)[a != b]
    result = keep.copy()
    result[idx[np.unique(later)]] = False
    return result


def lognormal_area(
    rng: np.random.Generator, n: int, median_ha: float, sigma: float, lo: float, hi: float
) -> FloatArray:
    """Areas in hectares: log-normal (many small, few large), clipped to [lo, hi]."""
    result: FloatArray = np.clip(rng.lognormal(np.log(median_ha), sigma, n), lo, hi)
    return result


def spaced(
    x: FloatArray, y: FloatArray, keep: npt.NDArray[np.bool_], min_distance: float
) -> npt.NDArray[np.bool_]:
    """Greedy thinning: keep a point only if no earlier kept point is nearer than
    ``min_distance`` (for the few, large parks that must not cluster)."""
    result = np.zeros(len(x), dtype=bool)
    chosen: list[int] = []
    for i in np.flatnonzero(keep):
        if chosen:
            dx = x[chosen] - x[i]
            dy = y[chosen] - y[i]
            if float(np.min(dx * dx + dy * dy)) < min_distance**2:
                continue
        chosen.append(int(i))
        result[i] = True
    return result
