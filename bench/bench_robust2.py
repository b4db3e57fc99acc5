"""Benchmark: what the CPU budget and staged uploads cost (issue #20), against baselines.

In one run:

* ``checkpoint()`` with a budget open vs no budget (the CLI path) vs a
  plain loop without the call — nanoseconds per call;
* reading a 100,000-row CSV through the row-capped reader, with a 2 s budget
  open (each row a checkpoint) vs without — CPU seconds and the ratio;
* storing a 1 MB upload: staged under ``media/.staging`` and renamed into place
  on commit (now) vs written straight to its final place (baseline) — wall
  milliseconds per file (file system work, so wall time), in a temporary
  MEDIA_ROOT on the same disk as ``var/``.

Usage: ``.venv/bin/python bench/bench_robust2.py``; prints a Markdown table.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def _per_call_ns(fn: Callable[[], object], n: int) -> float:
    started = time.thread_time()
    for _ in range(n):
        fn()
    return (time.thread_time() - started) / n * 1e9


def bench_checkpoint(n: int = 1_000_000) -> list[tuple[str, float]]:
    from rodloeber.domain.cpu_budget import checkpoint, cpu_budget

    empty = _per_call_ns(lambda: None, n)
    none = _per_call_ns(checkpoint, n)
    with cpu_budget(3600):
        open_ = _per_call_ns(checkpoint, n)
    return [
        ("loop with a no-op call (baseline)", empty),
        ("checkpoint(), no budget (CLI)", none),
        ("checkpoint(), budget open (request)", open_),
    ]


def bench_rows(rows: int = 100_000) -> tuple[float, float]:
    from rodloeber.domain.cpu_budget import cpu_budget
    from rodloeber.layers.tabular import RowLimits, read_csv_rows

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.csv"
        lines = ["planid;plannavn;komnr"] + [f"P-{i};Område {i};0751" for i in range(rows)]
        path.write_text("\n".join(lines), encoding="utf-8")
        limits = RowLimits(max_rows=rows + 10)

        def read() -> float:
            started = time.thread_time()
            assert len(read_csv_rows(path, limits)) == rows
            return time.thread_time() - started

        read()  # warm up
        base = min(read() for _ in range(3))
        with cpu_budget(3600):
            guarded = min(read() for _ in range(3))
    return base, guarded


def bench_upload(n: int = 200, size: int = 1 << 20) -> tuple[float, float]:
    """Staging + os.replace vs a direct write, the file system part of an upload."""
    content = os.urandom(size)
    base_dir = ROOT / "var"
    base_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=base_dir) as tmp:
        root = Path(tmp)

        def direct() -> None:
            final = root / "cases" / "1" / uuid.uuid4().hex
            final.parent.mkdir(parents=True, exist_ok=True)
            with final.open("xb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())

        def staged() -> None:  # what core.media_files does: flat staging file, one rename
            name = f"cases/1/{uuid.uuid4().hex}"
            stage = root / ".staging" / f"{uuid.uuid4().hex}.{quote(name, safe='')}"
            stage.parent.mkdir(parents=True, exist_ok=True)
            with stage.open("xb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
            final = root / name
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage, final)

        def timed(fn: Callable[[], None]) -> float:
            started = time.perf_counter()
            for _ in range(n):
                fn()
            return (time.perf_counter() - started) / n * 1000

        timed(direct)  # warm up
        return timed(direct), timed(staged)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodloeber.config.settings.test")
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("| measure | baseline | now | ratio |\n|---|---|---|---|")
    calls = bench_checkpoint()
    print(
        f"| checkpoint() per call, budget open (ns) | {calls[0][1]:.0f} (no-op call) "
        f"| {calls[2][1]:.0f} (no budget: {calls[1][1]:.0f}) | {calls[2][1] / calls[0][1]:.1f} |"
    )
    base, guarded = bench_rows()
    print(
        f"| 100,000-row CSV read (CPU s) | {base:.3f} (no budget) | {guarded:.3f} "
        f"(checkpoint per row) | {guarded / base:.3f} |"
    )
    direct, staged = bench_upload()
    print(
        f"| 1 MB upload written, fsync (ms wall) | {direct:.2f} (direct) | {staged:.2f} "
        f"(staged + rename) | {staged / direct:.2f} |"
    )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
