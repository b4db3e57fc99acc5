"""Benchmark of the planning engine (procesplan): schedule and Monte Carlo risk.

Run:  python bench/bench_planning.py [--samples 10000] [--write docs/performance.md]

Measures, on the 25-permit benchmark plan (``planning.testing.benchmark_permits``):
* the deterministic schedule (graph + earliest start + float + critical path),
  target < 5 ms;
* the full deterministic plan (``build_plan(..., n_samples=0)``: schedule,
  clock, milestones);
* the vectorised 10,000-sample Monte Carlo, target < 50 ms;
* the baseline: a straightforward per-sample Python loop (``simulate_loop``),
  measured in the same run, and the speed-up ratio;
* the duration sampling alone against the previous sampler (float draws into a
  ``[samples, permits]`` matrix, one gather from the concatenated tables, then a
  transposed copy), interleaved in the same run, and that ratio.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import numpy as np  # noqa: E402
from bench import _report  # noqa: E402

from rodloeber.domain.planning import build_plan, compute_schedule  # noqa: E402
from rodloeber.domain.planning.forecast import derive_constraints  # noqa: E402
from rodloeber.domain.planning.risk import (  # noqa: E402
    TABLE_SIZE,
    Distribution,
    RiskModel,
    _quantile_table,
    simulate,
)
from rodloeber.domain.planning.risk_loop import simulate_loop  # noqa: E402
from rodloeber.domain.planning.testing import Cap, benchmark_permits  # noqa: E402

START = date(2026, 3, 2)
DEADLINE = date(2027, 9, 2)
AREA = "planning"
MARK_START, MARK_END = _report.markers(AREA)


def measure(fn: Callable[[], object], repeat: int, warmup: int = 1) -> tuple[float, float]:
    """(median, min) wall time in milliseconds over ``repeat`` runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times), min(times)


Row = tuple[str, float, float, str]


def legacy_sample(model: RiskModel, n: int, rng: np.random.Generator) -> np.ndarray:
    """The sampler before December 2026, kept here as the in-run baseline."""
    span = model.high - model.low
    rel = np.divide(model.mode - model.low, span, out=np.full_like(span, 0.5), where=span > 0)
    modes, which = np.unique(np.round(rel, 6), return_inverse=True)
    table = np.concatenate([_quantile_table(float(r), Distribution.PERT) for r in modes])
    u = rng.random((n, len(model.codes)))
    np.multiply(u, TABLE_SIZE, out=u)
    idx = u.astype(np.intp)
    idx += (which * TABLE_SIZE)[None, :]
    x = table.take(idx)
    x *= span
    x += model.low
    return np.ascontiguousarray(x.T) + model.extra[:, None]


def interleaved(
    a: Callable[[int], object], b: Callable[[int], object], repeat: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """(median, min) ms of ``a`` and ``b``, alternating which runs first (fair under load)."""
    ta: list[float] = []
    tb: list[float] = []
    for i in range(repeat):
        pair = ((a, ta), (b, tb)) if i % 2 else ((b, tb), (a, ta))
        for fn, acc in pair:
            t0 = time.perf_counter()
            fn(i)
            acc.append((time.perf_counter() - t0) * 1000.0)
    return (statistics.median(ta), min(ta)), (statistics.median(tb), min(tb))


def run(samples: int, loop_repeat: int) -> tuple[list[Row], dict[str, str]]:
    load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    permits = benchmark_permits()
    cap = Cap(18, "L 206 fast track", "Lov om Én indgang")
    constraints = derive_constraints(permits)
    schedule = compute_schedule(permits, START, constraints)
    model = RiskModel.from_schedule(permits, schedule, DEADLINE, constraints)

    sched = measure(lambda: compute_schedule(permits, START), repeat=200)
    plan0 = measure(
        lambda: build_plan(permits, clock_start=START, cap=cap, n_samples=0), repeat=100
    )
    mc = measure(lambda: simulate(model, START, samples, seed=1), repeat=30)
    full = measure(
        lambda: build_plan(permits, clock_start=START, cap=cap, n_samples=samples), repeat=15
    )
    loop = measure(lambda: simulate_loop(model, samples, seed=1), repeat=loop_repeat, warmup=0)
    ratio = loop[0] / mc[0]
    old_draw, new_draw = interleaved(
        lambda i: legacy_sample(model, samples, np.random.default_rng(i)),
        lambda i: model.sample_t(samples, np.random.default_rng(i), Distribution.PERT),
        repeat=60,
    )
    result = simulate(model, START, samples, seed=1)
    rows: list[Row] = [
        ("Deterministic schedule (25 permits)", *sched, "< 5 ms"),
        ("Deterministic plan, build_plan(n_samples=0)", *plan0, ""),
        (f"Monte Carlo, vectorised numpy ({samples:,} samples)", *mc, "< 50 ms"),
        (f"Full build_plan incl. risk ({samples:,} samples)", *full, ""),
        (f"Baseline: per-sample Python loop ({samples:,} samples)", *loop, ""),
        (f"Duration sampling, previous sampler ({samples:,} × 25)", *old_draw, ""),
        (f"Duration sampling, per-permit tables ({samples:,} × 25)", *new_draw, ""),
    ]
    info = {
        "ratio": f"{ratio:.0f}x",
        "sample_ratio": f"{old_draw[0] / new_draw[0]:.1f}x",
        "p_within_cap": f"{result.p_within_cap:.3f}",
        "p50/p80/p95": " / ".join(d.isoformat() for d in result.end_quantiles.values()),
        "critical_path": " → ".join(schedule.critical_path),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}, "
            f"numpy {np.__version__}, {platform.system()} {platform.release()}"
        ),
        "date": date.today().isoformat(),
        "load": load,
    }
    return rows, info


def render(rows: list[Row], info: dict[str, str]) -> str:
    lines = [
        "| measurement | median ms | min ms | target |",
        "|---|---:|---:|---|",
        *(f"| {name} | {med:.2f} | {low:.2f} | {target} |" for name, med, low, target in rows),
        "",
        f"Speed-up of the vectorised Monte Carlo over the per-sample Python loop "
        f"(median/median): **{info['ratio']}**.",
        "",
        f"Speed-up of the duration sampling over the previous sampler, interleaved in the same "
        f"run (median/median): **{info.get('sample_ratio', '–')}**. The sampler now draws one "
        "integer table cell per duration and gathers permit by permit from that permit's own "
        "cached table, in the `[permits, samples]` layout the longest-path pass reads (no "
        "float draws, no 3 MB concatenated table, no transposed copy); the random stream "
        "changed, the distribution did not.",
        "",
        f"Benchmark plan: P(within the 18-month cap) = {info['p_within_cap']}; "
        f"P50/P80/P95 end = {info['p50/p80/p95']}; deterministic critical path: "
        f"{info['critical_path']}.",
        "",
        "Method: durations drawn into a `[n_permits, n_samples]` matrix by inverse-transform "
        "sampling from cached quantile tables (PERT or triangular, 16,384 cells); longest "
        "path in topological order with a row-wise max/arg-max over predecessors (contiguous, "
        "instead of numpy's strided axis-0 `argmax`); criticality index by backtracking all "
        "samples' binding predecessors at once over flat indices, from the latest permit the "
        "cap covers. The baseline draws with `random.betavariate` and loops over samples and "
        "permits in plain Python. Before this change (same machine, load 15–16) the Monte "
        "Carlo measured 86 ms median; wall times on this shared 2-core machine move with the "
        "load, the in-run ratios less so.",
        "",
        f"Machine: {info['machine']}; load average at start {info['load']}. "
        f"Measured {info['date']} with "
        "`python bench/bench_planning.py --write docs/performance.md`.",
    ]
    return "\n".join(lines)


def write_section(path: Path, body: str) -> None:
    """Replace the planning section between the marker comments, keep the rest."""
    _report.write_section(path, AREA, "## Planning engine (procesplan)\n\n" + body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--loop-repeat", type=int, default=3)
    parser.add_argument("--write", type=Path, help="update the planning section of this file")
    args = parser.parse_args(argv)
    rows, info = run(args.samples, args.loop_repeat)
    body = render(rows, info)
    print(body)
    if args.write:
        write_section(args.write, body)
        print(f"\nUpdated {args.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
