"""Benchmark: cold reference tiles at low zoom, per-tile repair against snapped levels.

Issue #19 made low-zoom reference tiles valid by repairing each tile after it
is rounded to tile units (``layers.tile_geometry.snap_to_grid``), which made
cold z5-z7 tiles several times slower. Overview levels are now one per zoom
and snap-rounded to their zoom's grid once, when the level is built
(``snap_level``), so the per-tile repair rarely has work left.

Both variants run in the same process on the same layers (interleaved per
zoom): the baseline is ``TileSource`` with the previous levels
``(4, 6, 8, 9, 10, 11)`` and no level snapping. Per zoom: the level build
time (once per process) and every tile over Denmark rendered cold (p50/p95),
plus the count of invalid polygons after decoding with mapbox_vector_tile.

    .venv/bin/python bench/bench_tile_levels.py [--layers natura2000_habitat,kommuner]
        [--write docs/performance.md]

Layers come from the layer store (``rodloeber layers bootstrap``).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench import _report  # noqa: E402

AREA = "tile_levels"
ZOOMS = range(5, 12)
DENMARK = (7.9, 54.5, 15.3, 57.8)


def _tiles(z: int) -> list[tuple[int, int, int]]:
    def xy(lon: float, lat: float) -> tuple[int, int]:
        n = 2**z
        r = math.radians(lat)
        return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(r)) / math.pi) / 2 * n)

    x0, y0 = xy(DENMARK[0], DENMARK[3])
    x1, y1 = xy(DENMARK[2], DENMARK[1])
    return [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _invalid(data: bytes) -> tuple[int, int]:
    import mapbox_vector_tile
    import shapely.geometry

    if not data:
        return 0, 0
    polys = bad = 0
    for layer in mapbox_vector_tile.decode(data).values():
        for f in layer["features"]:
            if f["geometry"]["type"] in ("Polygon", "MultiPolygon"):
                polys += 1
                bad += not shapely.geometry.shape(f["geometry"]).is_valid
    return polys, bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", default="natura2000_habitat,kommuner")
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodloeber.config.settings.dev")
    import django

    django.setup()
    from rodloeber.layers import tiles
    from rodloeber.layers.loading import get_layer

    class PerTileRepair(tiles.TileSource):
        overview_levels = (4, 6, 8, 9, 10, 11)
        snap_levels = False

    load = os.getloadavg()[0]
    lines = [
        f"Cold tiles over Denmark, load average {load:.1f} at start "
        f"(`bench/bench_tile_levels.py`, {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC).",
        "",
        "| layer | z | tiles | level build before / after | p50 before / after | "
        "p95 before / after | p50 ratio | invalid polygons before / after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in args.layers.split(","):
        layer = get_layer(name)
        rows = layer.attributes or [{} for _ in layer.geometries]
        props = [tiles._scalar_props(r) for r in rows]
        before = PerTileRepair.build(name, list(layer.geometries), props)
        after = tiles.TileSource.build(name, list(layer.geometries), props)
        for z in ZOOMS:
            out = {}
            for tag, src in (("before", before), ("after", after)):
                t = time.perf_counter()
                src.level(z)
                build = time.perf_counter() - t
                ms, polys, bad = [], 0, 0
                for tz, x, y in _tiles(z):
                    t = time.perf_counter()
                    data = tiles.render_tile([src], tz, x, y)
                    ms.append((time.perf_counter() - t) * 1000)
                    n, b = _invalid(data)
                    polys, bad = polys + n, bad + b
                out[tag] = (
                    build,
                    np.percentile(ms, 50),
                    np.percentile(ms, 95),
                    bad,
                    polys,
                    len(ms),
                )
            b, a = out["before"], out["after"]
            ratio = b[1] / a[1] if a[1] > 0 else float("nan")
            lines.append(
                f"| {name} | {z} | {a[5]} | {b[0]:.2f} / {a[0]:.2f} s | {b[1]:.1f} / {a[1]:.1f} ms "
                f"| {b[2]:.1f} / {a[2]:.1f} ms | {ratio:.1f}x | {b[3]}/{b[4]} / {a[3]}/{a[4]} |"
            )
            print(lines[-1], flush=True)
    lines.append(f"\nLoad average at end {os.getloadavg()[0]:.1f}.")
    body = "\n".join(lines)
    if args.write:
        _report.write_section(args.write, AREA, body)


if __name__ == "__main__":
    main()
