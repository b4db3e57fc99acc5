"""Benchmark: bounded work per request (issue #20), each against today's baseline.

In one run, on the layers built by ``rodloeber layers bootstrap`` (the
registry; synthetic national layers, "syntetiske demodata"):

* detailed areas (~65,000 ha, 49,000 vertices) screened: the area cut once
  into ≤ 256-vertex pieces (now) vs intersecting the whole area with every
  layer piece (baseline, the path the engine took before) — CPU seconds;
* the 9,000-hole polygon: refused by the complexity check (now) vs parsed
  and screened with the old limits (baseline) — CPU seconds;
* the 2-million-row XLSX: refused by the streaming reader (now) vs
  openpyxl reading every row (baseline; measured on 200,000 rows and
  scaled, because the full file takes minutes).

Usage: ``.venv/bin/python bench/bench_bounded.py [--write docs/performance.md]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def _cpu(fn: Callable[[], object]) -> float:
    started = time.process_time()
    try:
        fn()
    except Exception as exc:  # a refusal is the expected outcome for "now"
        if type(exc).__name__ not in ("GeometryError", "GeodataError"):
            raise
    return time.process_time() - started


def _ring(lon: float, lat: float, n: int) -> list[list[float]]:
    ring = [
        [lon + 0.3 * math.cos(2 * math.pi * i / n), lat + 0.1 * math.sin(2 * math.pi * i / n)]
        for i in range(n)
    ]
    return [*ring, ring[0]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodloeber.config.settings.dev")
    import django

    django.setup()
    import numpy as np
    from openpyxl import load_workbook
    from tests.security.corpus.make_corpus import hole_filled, two_million_rows_xlsx

    from rodloeber.domain.screening import GeometryLimits, parse_area, screen
    from rodloeber.domain.screening import engine as screening_engine
    from rodloeber.landmap.importing import read_rows
    from rodloeber.layers.screening_service import screening_index

    load = os.getloadavg()
    index = screening_index()
    rows: list[tuple[str, float, float]] = []

    def whole(geometry: Any, max_vertices: int = 256) -> Any:
        return np.array([geometry], dtype=object)  # one piece: the old whole-area path

    for lon, lat in ((9.5, 56.2), (12.3, 55.7), (10.4, 55.4)):
        area = parse_area({"type": "Polygon", "coordinates": [_ring(lon, lat, 49_000)]})
        now = _cpu(lambda a=area: screen(a, index))
        original = screening_engine.split_area
        screening_engine.split_area = whole  # type: ignore[assignment]
        try:
            before = _cpu(lambda a=area: screen(a, index))
        finally:
            screening_engine.split_area = original
        rows.append((f"{area.area_ha:,.0f} ha, 49,000 vertices at {lon}° E", before, now))

    geometry = json.loads(hole_filled())["features"][0]["geometry"]
    now = _cpu(lambda: parse_area(geometry))
    old_limits = GeometryLimits(max_parts=10**9, max_holes=10**9)
    before = _cpu(lambda: screen(parse_area(geometry, old_limits), index))
    rows.append(("polygon with 9,000 holes (refused now)", before, now))

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "two_million_rows.xlsx"
        big.write_bytes(two_million_rows_xlsx())
        now = _cpu(lambda: read_rows(big))
        small = Path(tmp) / "rows_200k.xlsx"
        small.write_bytes(two_million_rows_xlsx(200_000))

        def old_reader() -> None:
            wb = load_workbook(small, read_only=True, data_only=True)
            list(wb.worksheets[0].iter_rows(values_only=True))

        before = _cpu(old_reader) * 10  # 200,000 rows measured, 2,000,000 scaled
        rows.append(("XLSX, 2 million rows, 0.3 MB (baseline scaled from 200k)", before, now))

    lines = [
        "## Bounded work per request (issue #20)",
        "",
        "| request | before (CPU s) | now (CPU s) | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, before, now in rows:
        ratio = f"{before / now:,.0f}x" if now >= 0.001 else "> 1,000x"
        lines.append(f"| {name} | {before:.2f} | {now:.3f} | **{ratio}** |")
    lines += [
        "",
        "Before = the code paths before issue #20, measured in the same "
        "run: the whole area intersected with every layer piece; no part/hole limits; "
        "openpyxl reading every row. Now = the area cut once into ≤ 256-vertex pieces; "
        "parts/holes counted before any geometry work; the inflated size and the row count "
        "checked before openpyxl opens the workbook (ADR 0018). Layers: `layers bootstrap` "
        "(synthetic national set, syntetiske demodata).",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPU, Python "
        f"{platform.python_version()}; load average at start "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}. Measured {date.today().isoformat()} "
        "with `python bench/bench_bounded.py --write docs/performance.md`.",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        from bench._report import write_section

        write_section(args.write, "bounded", text)


if __name__ == "__main__":
    main()
