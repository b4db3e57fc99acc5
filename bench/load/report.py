"""Summarise the Locust samples of ``bench/load/run.sh`` and update docs/performance.md.

Reads the JSON lines written by ``locustfile.py`` (``LOAD_SAMPLES``), one file
per run, and computes exact p50/p95/p99 (nearest rank), error rate and
throughput per request name, per role and overall. A 412 from the
milestone PATCH is expected optimistic-locking behaviour: it is shown on its
own row and counted as a success, not as an error.

    python bench/load/report.py --run u50:50:/tmp/samples-u50.jsonl [--write docs/performance.md]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]

from bench import _report  # noqa: E402

AREA = "load"
TARGET_P95_MS = 300.0
TARGET_ERRORS = 0.001
ROLES = ("public", "company", "authority", "municipal")


@dataclass(frozen=True)
class Sample:
    role: str
    name: str
    ms: float
    ok: bool
    status: int
    t: float


@dataclass(frozen=True)
class Stats:
    count: int
    failures: int
    p50: float
    p95: float
    p99: float
    rps: float

    @property
    def error_rate(self) -> float:
        return self.failures / self.count if self.count else 0.0


@dataclass(frozen=True)
class Run:
    label: str
    users: int
    samples: list[Sample]

    @property
    def seconds(self) -> float:
        if len(self.samples) < 2:
            return 1.0
        return max(1.0, max(s.t for s in self.samples) - min(s.t for s in self.samples))


def percentile(sorted_ms: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (0 for an empty list)."""
    if not sorted_ms:
        return 0.0
    rank = max(1, math.ceil(q / 100.0 * len(sorted_ms)))
    return sorted_ms[rank - 1]


def stats(samples: list[Sample], seconds: float) -> Stats:
    ms = sorted(s.ms for s in samples)
    failures = sum(1 for s in samples if not s.ok)
    return Stats(
        count=len(ms),
        failures=failures,
        p50=percentile(ms, 50),
        p95=percentile(ms, 95),
        p99=percentile(ms, 99),
        rps=len(ms) / seconds,
    )


def load(path: Path) -> list[Sample]:
    out: list[Sample] = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(
                Sample(row["role"], row["name"], row["ms"], row["ok"], row["status"], row["t"])
            )
    return out


def _row(label: str, st: Stats) -> str:
    return (
        f"| {label} | {st.count:,} | {st.rps:.1f} | {st.p50:.0f} | {st.p95:.0f} | {st.p99:.0f} "
        f"| {st.failures} ({st.error_rate:.2%}) |"
    )


HEADER = (
    "| requests | n | req/s | p50 ms | p95 ms | p99 ms | errors |\n"
    "|---|---:|---:|---:|---:|---:|---:|"
)
RATE_LIMITS_OFF = (
    "off (`RODLOEBER_RATE_LIMITS=0`): every simulated user shares the address 127.0.0.1, "
    "so the per-address limits (e.g. search 120/min) would answer 429 within seconds and "
    "measure the limiter instead of the server"
)


def render(runs: list[Run], workers: int, rate_limits: str, loadavg: str, note: str = "") -> str:
    main = runs[-1]
    lines: list[str] = []
    summary: list[str] = [HEADER]
    for run in runs:
        summary.append(_row(f"**all, {run.users} users**", stats(run.samples, run.seconds)))
        for role in ROLES:
            part = [s for s in run.samples if s.role == role]
            if part:
                summary.append(_row(f"{role}, {run.users} users", stats(part, run.seconds)))
    overall = stats(main.samples, main.seconds)
    met_p95 = overall.p95 < TARGET_P95_MS
    met_err = overall.error_rate < TARGET_ERRORS
    stale = sum(1 for s in main.samples if s.status == 412)
    patches = sum(1 for s in main.samples if "/milestones/" in s.name)
    lines += [
        "## Load test: mixed roles against gunicorn + PostgreSQL",
        "",
        f"Target: p95 < {TARGET_P95_MS:.0f} ms and errors < {TARGET_ERRORS:.1%} at "
        f"{main.users} users. Result: p95 **{overall.p95:.0f} ms** "
        f"({'met' if met_p95 else 'NOT met'}), errors **{overall.error_rate:.2%}** "
        f"({'met' if met_err else 'NOT met'}), {overall.rps:.1f} requests/s.",
        "",
        *summary,
        "",
        f"Milestone PATCHes at {main.users} users: {patches:,}, of which {stale} answered "
        "412 (stale If-Match, expected with several caseworkers of one authority editing the "
        "same milestones; re-read and retried once, counted as success, not as an error).",
        "",
        f"### Per request at {main.users} users",
        "",
        HEADER.replace("| requests |", "| role: request |"),
    ]
    names = sorted({(s.role, s.name) for s in main.samples})
    for role, name in names:
        part = [s for s in main.samples if s.role == role and s.name == name]
        lines.append(_row(f"{role}: `{name}`", stats(part, main.seconds)))
    failed = [s for s in main.samples if not s.ok]
    if failed:
        by: dict[tuple[str, int], int] = {}
        for s in failed:
            by[(s.name, s.status)] = by.get((s.name, s.status), 0) + 1
        lines += [
            "",
            "Errors: " + "; ".join(f"`{n}` → {st}: {c}" for (n, st), c in sorted(by.items())),
        ]
    runs_text = ", ".join(f"{r.users} users for {r.seconds:.0f} s" for r in runs)
    lines += [
        "",
        "Scenario (`bench/load/locustfile.py`): anonymous visitors 3 : company users 1 : "
        "authority caseworkers 1 (wait 1-3 s; caseworkers 2-4 s). Visitors open the land map "
        "(page, `layers.json`, 4 land tiles, 2 basemap tiles), search the land API with random "
        "filters, open area reports, the statistics page and JSON, the check and the parks, "
        "and screen an area (`POST /api/v1/screening`, one of 20 polygons around demo areas); "
        "company users read their cases with a Bearer token (list, detail, plan, messages, "
        "notices); caseworkers revise milestone forecasts with `PATCH` + `If-Match` (each "
        "re-plans the case and writes an audit event and notices); plus 2 municipal planners "
        "(fixed) who log in with the form and import a one-area GeoJSON on `/kort/import` "
        "every 5-10 s (each import changes the land data version, so every worker updates "
        "its land-tile index).",
        "",
        f"Server: gunicorn {workers} sync workers on 127.0.0.1 with `gunicorn.conf.py` "
        "(`preload_app`; the prepared screening indexes and basemap tiles are loaded once in "
        "the master, `bench/load/wsgi_warm.py`, ADR 0030), "
        "after a 20 s unrecorded warm-up at 5 users; "
        "`rodloeber.config.settings.production` (DEBUG off, WhiteNoise, HSTS; Locust sends "
        "`X-Forwarded-Proto: https` as a TLS proxy would), throw-away PostgreSQL "
        "(`scripts/pg-throwaway.sh`; fsync off), `DATABASE_CONN_MAX_AGE=60`, demo data "
        f"(`rodloeber demo load`, syntetiske demodata). Rate limits: "
        f"{'on' if rate_limits == '1' else RATE_LIMITS_OFF}.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}; "
        f"Locust, gunicorn and PostgreSQL share these cores, and other processes were running "
        f"(load average at start {loadavg}). Runs: {runs_text}. "
        f"Measured {date.today().isoformat()} with `bash bench/load/run.sh`.",
    ]
    if note:
        lines += ["", note]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="append", required=True, help="LABEL:USERS:SAMPLES")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--rate-limits", default="0")
    parser.add_argument("--loadavg", default="?")
    parser.add_argument("--write", type=Path, default=None)
    parser.add_argument("--note", default="", help="a paragraph appended to the section")
    args = parser.parse_args(argv)
    runs: list[Run] = []
    for spec in args.run:
        label, users, path = spec.split(":", 2)
        runs.append(Run(label, int(users), load(Path(path))))
    if not runs[-1].samples:
        print("no samples recorded", file=sys.stderr)
        return 1
    body = render(runs, args.workers, args.rate_limits, args.loadavg, args.note)
    print(body)
    if args.write:
        _report.write_section(args.write, AREA, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
