"""Benchmark: cold start of screening and the first land tile after an edit (issue #20 item 8).

Run:  python bench/bench_coldstart.py [--var DIR] [--areas 50000] [--write docs/performance.md]

Measures in one run, against today's build-on-first-use in the same run:

* **first screening in a new process**: a fresh Python process (Django set
  up, layers built by ``layers bootstrap``) loads the screening index and
  screens one 400 ha area; (a) from the prepared, memory-mapped indexes
  (ADR 0030), (b) the old way, building every index from the layer files
  (``set_layer_loader(get_layer)``, the code path before the prepared
  indexes). Each mode runs ``--processes`` times, alternating. Warm answers
  (the next 20 screenings in the same process) are reported for both.
* **first land tile after an edit** at ``--areas`` synthetic business areas
  (``landmap.demo.generate_areas``, "syntetiske demodata", in-memory SQLite):
  with every zoom band built, one area is edited (new outline and status),
  then the z13 tile over it is rendered; (a) the index updated with the
  changed area (``landmap.tile_delta``), (b) the old way, the index rebuilt
  (points, polygons, bands). ``--edits`` edits each, alternating.

``--var`` reuses a folder where ``rodloeber layers bootstrap`` has run
(default: a temporary one, bootstrapped here: about half a minute).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench import _report  # noqa: E402

AREA = "coldstart"
PY = sys.executable

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import django
django.setup()
from pyproj import Transformer
from rodloeber.layers import screening_service as ss
from rodloeber.layers.loading import get_layer
t_django = time.perf_counter() - t0
if sys.argv[1] == "build":
    ss.set_layer_loader(get_layer)  # the code path before prepared indexes
tf = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
def area(dx):
    x0, y0 = 540000 + dx, 6170000
    ring = [tf.transform(x, y) for x, y in
            [(x0, y0), (x0 + 2000, y0), (x0 + 2000, y0 + 2000), (x0, y0 + 2000), (x0, y0)]]
    return {"type": "Polygon", "coordinates": [ring]}
t1 = time.perf_counter()
ss.screening_index()
t_index = time.perf_counter() - t1
t2 = time.perf_counter()
first = ss.screen_geojson(area(0)).to_dict()
t_first = time.perf_counter() - t2
warm = []
for i in range(20):
    t = time.perf_counter()
    ss.screen_geojson(area(100 * (i + 1)))
    warm.append(time.perf_counter() - t)
print(json.dumps({"django": t_django, "index": t_index, "first": t_first, "warm": warm,
                  "report": first}))
"""


def screening_runs(var: Path, processes: int) -> dict[str, list[dict[str, Any]]]:
    env = {
        **os.environ,
        "RODLOEBER_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "rodloeber.config.settings.dev",
        "PYTHONPATH": str(ROOT / "src"),
    }
    out: dict[str, list[dict[str, Any]]] = {"prepared": [], "build": []}
    for _ in range(processes):
        for mode in ("prepared", "build"):
            t0 = time.perf_counter()
            proc = subprocess.run(  # noqa: S603 - our own interpreter and script
                [PY, "-c", CHILD, mode], env=env, capture_output=True, text=True, check=False
            )
            if proc.returncode:
                raise SystemExit(f"{mode} process failed:\n{proc.stderr[-3000:]}")
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            result["process"] = time.perf_counter() - t0
            out[mode].append(result)
    reports = {json.dumps(r["report"], sort_keys=True) for runs in out.values() for r in runs}
    if len(reports) != 1:
        raise SystemExit("prepared and built indexes gave different reports")
    return out


def ensure_layers(var: Path) -> None:
    env = {
        **os.environ,
        "RODLOEBER_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "rodloeber.config.settings.dev",
    }
    rodloeber = str(Path(PY).parent / "rodloeber")
    for cmd in (["migrate", "--noinput", "-v", "0"], ["layers", "bootstrap"]):
        subprocess.run([rodloeber, *cmd], env=env, check=True)  # noqa: S603


def tile_runs(n_areas: int, edits: int, seed: int) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodloeber.config.settings.test")
    import django
    from django.conf import settings

    django.setup()
    settings.RODLOEBER_LAYERS_DIR = Path(tempfile.mkdtemp(prefix="bench-coldstart-layers-"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    import datetime as dt

    import shapely

    from rodloeber.landmap import tiles
    from rodloeber.landmap.demo import generate_areas
    from rodloeber.landmap.geometry import geometry_fields
    from rodloeber.landmap.models import BusinessArea

    t0 = time.perf_counter()
    BusinessArea.objects.bulk_create(generate_areas(n_areas, seed), batch_size=1000)
    t_load = time.perf_counter() - t0
    areas = list(BusinessArea.objects.order_by("id")[: edits * 2 + 1])

    def tile_over(area: BusinessArea) -> tuple[int, int, int]:
        import math

        z, n = 13, 1 << 13
        x = int((area.centroid_lon + 180) / 360 * n)
        lat = math.radians(area.centroid_lat)
        return z, x, int((1 - math.asinh(math.tan(lat)) / math.pi) / 2 * n)

    def edit(area: BusinessArea, step: int) -> None:
        outline = shapely.from_wkb(bytes(area.geometry_wkb)).buffer(10 + step, quad_segs=12)
        for key, value in geometry_fields(outline).items():
            setattr(area, key, value)
        area.status = "reserveret" if area.status == "ledig" else "ledig"
        area.updated_at = tiles.BusinessArea.objects.latest("updated_at").updated_at + (
            dt.timedelta(seconds=1)
        )
        area.save()

    t0 = time.perf_counter()
    tiles.land_index().prepare()
    t_full = time.perf_counter() - t0
    results: dict[str, list[float]] = {"delta": [], "rebuild": []}
    for i in range(edits):
        for mode in ("delta", "rebuild"):
            area = areas[2 * i + (mode == "rebuild")]
            z, x, y = tile_over(area)
            tiles.land_tile(z, x, y)  # warm: every band built for the current version
            edit(area, i)
            if mode == "rebuild":
                tiles.reset_land_tiles()  # what every edit caused before: a full rebuild
            t = time.perf_counter()
            data, _etag = tiles.land_tile(z, x, y)
            results[mode].append(time.perf_counter() - t)
            assert data
            tiles.land_index().prepare()  # the baseline's later tiles need every band again
    return {"results": results, "t_load": t_load, "t_full": t_full, "n": n_areas}


def ms(v: float) -> str:
    return f"{v * 1000:,.0f} ms" if v >= 0.01 else f"{v * 1000:.1f} ms"


def render(scr: dict[str, list[dict[str, Any]]], land: dict[str, Any] | None, load: str) -> str:
    def med(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in scr[mode])

    def warm(mode: str) -> float:
        return statistics.median(t for r in scr[mode] for t in r["warm"])

    p_first = med("prepared", "index") + med("prepared", "first")
    b_first = med("build", "index") + med("build", "first")
    lines = [
        "## Cold start: first screening and first land tile after an edit (issue #20 item 8)",
        "",
        f"`bench/bench_coldstart.py`, {date.today().isoformat()}, Python "
        f"{sys.version.split()[0]}, load average at start {load} (2 cores shared by 9 "
        "sessions). Medians; baseline = the code path before, in the same run.",
        "",
        "| measurement | prepared / incremental | before (build on first use) | ratio |",
        "|---|---|---|---|",
        f"| new process: load screening index | {ms(med('prepared', 'index'))} | "
        f"{ms(med('build', 'index'))} | {med('build', 'index') / med('prepared', 'index'):.0f}x |",
        f"| new process: index + first screening (400 ha) | {ms(p_first)} | {ms(b_first)} | "
        f"{b_first / p_first:.0f}x |",
        f"| warm screening (median of {len(scr['build'][0]['warm'])} per process) | "
        f"{ms(warm('prepared'))} | {ms(warm('build'))} | "
        f"{warm('build') / warm('prepared'):.2f}x |",
        f"| Django set-up in that process (both) | {ms(med('prepared', 'django'))} | "
        f"{ms(med('build', 'django'))} | |",
    ]
    if land is not None:
        d = statistics.median(land["results"]["delta"])
        r = statistics.median(land["results"]["rebuild"])
        worst = max(land["results"]["delta"])
        lines.append(
            f"| first z13 land tile after an edit, {land['n']:,} areas | {ms(d)} "
            f"(worst {ms(worst)}) | {ms(r)} | {r / d:.0f}x |"
        )
    lines += [
        "",
        f"Processes: {len(scr['build'])} per mode, alternating; every process gave the "
        "same screening report (checked). Targets: first screening in a new process "
        "< 1 s; warm unchanged; first tile after an edit < 1 s at 50,000 areas.",
    ]
    if land is not None:
        lines.append(
            f"Land: {len(land['results']['delta'])} edits per mode (new outline and status "
            f"of one area), every zoom band built before each edit; a full index with all "
            f"bands took {land['t_full']:.1f} s to build. Areas: seeded synthetic "
            "(syntetiske demodata) in in-memory SQLite."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--var", type=Path, help="a var folder where layers are bootstrapped")
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--areas", type=int, default=50_000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-land", action="store_true")
    parser.add_argument("--write", type=Path, help="update the coldstart section of this file")
    args = parser.parse_args(argv)
    load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    var = args.var or Path(tempfile.mkdtemp(prefix="bench-coldstart-var-"))
    ensure_layers(var)
    scr = screening_runs(var, args.processes)
    land = None if args.no_land else tile_runs(args.areas, args.edits, args.seed)
    body = render(scr, land, load)
    print(body)
    if args.write:
        _report.write_section(args.write, AREA, body)
        print(f"\nUpdated {args.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
