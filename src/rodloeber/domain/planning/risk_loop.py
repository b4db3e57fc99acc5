"""The per-sample Python loop over the risk model: benchmark baseline and test oracle.

Kept apart from :mod:`.risk` (the vectorised simulation) so each stays small;
both read the same compiled :class:`~rodloeber.domain.planning.risk.RiskModel`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from rodloeber.domain.cpu_budget import checkpoint
from rodloeber.domain.planning.risk import FF, FS, Distribution, RiskModel

__all__ = ["simulate_loop"]


def simulate_loop(
    model: RiskModel,
    n_samples: int,
    seed: int = 20260302,
    distribution: Distribution | str = Distribution.PERT,
    samples: Sequence[Sequence[float]] | None = None,
) -> tuple[float, list[float], dict[str, float]]:
    """Straightforward per-sample Python loop: the benchmark baseline and test oracle.

    Returns (P(within cap), sorted end offsets, criticality). Draws with
    :mod:`random` unless ``samples`` (``[n_samples][n_permits]``) are given.
    """
    rnd = random.Random(seed)  # noqa: S311 - simulation, not cryptography
    pert = Distribution(distribution) is Distribution.PERT
    n_permits = len(model.codes)
    links = [
        [(int(i), int(k), float(g)) for i, k, g in zip(*model.links_of(j), strict=True)]
        for j in range(n_permits)
    ]
    excl = [] if model.excluded is None else [j for j in range(n_permits) if model.excluded[j]]
    low, mode, high = model.low.tolist(), model.mode.tolist(), model.high.tolist()
    extra, nb = model.extra.tolist(), model.not_before.tolist()
    fs, fe, me = model.fixed_start.tolist(), model.fixed_end.tolist(), model.min_end.tolist()
    cap_idx = [j for j in range(n_permits) if model.counts_toward_cap[j]] or list(range(n_permits))
    within = 0
    end_list: list[float] = []
    on_count = [0] * n_permits
    for s in range(n_samples):
        if s % 64 == 0:
            checkpoint("plan simulation")  # issue #20: 2 s CPU per request
        if samples is not None:
            durs = list(samples[s])
        else:
            durs = []
            for j in range(n_permits):
                a, c, b = low[j], mode[j], high[j]
                if b <= a:
                    durs.append(a)
                elif pert:
                    r = (c - a) / (b - a)
                    durs.append(a + (b - a) * rnd.betavariate(1 + 4 * r, 1 + 4 * (1 - r)))
                else:
                    durs.append(rnd.triangular(a, b, c))
        ends = [0.0] * n_permits
        starts = [0.0] * n_permits
        bind = [-1] * n_permits
        for j in range(n_permits):
            st, bj, best = 0.0, -1, -math.inf
            for i, k, lag in links[j]:
                if k == FF:
                    continue
                cand = (ends[i] if k == FS else starts[i]) + lag
                if cand > best:
                    best, bj = cand, i
                    kind_best = k
            if bj != -1:
                st = max(best, 0.0)
                if best < 0.0 or (best == 0.0 and kind_best != FS):
                    bj = -1
            if not math.isnan(nb[j]) and nb[j] > st:
                st, bj = nb[j], -1
            if not math.isnan(fs[j]):
                st, bj = fs[j], -1
            starts[j] = st
            if not math.isnan(fe[j]):
                ends[j] = max(fe[j], st)
            else:
                ends[j] = st + durs[j] + extra[j]
                if not math.isnan(me[j]):
                    ends[j] = max(ends[j], me[j])
                for i, k, lag in links[j]:
                    if k == FF and ends[i] + lag > ends[j]:
                        ends[j], bj = ends[i] + lag, i
            bind[j] = bj
        end_list.append(max(ends))
        # the cap's critical path starts at the latest-ending permit the cap covers
        last = max(cap_idx or range(n_permits), key=lambda k: (ends[k], -k))
        excluded_days = sum(ends[k] - starts[k] for k in excl)
        if max(ends[k] for k in cap_idx) - excluded_days <= model.cap_days:
            within += 1
        node = last
        while node != -1:
            on_count[node] += 1
            node = bind[node]
    criticality = {c: on_count[j] / n_samples for j, c in enumerate(model.codes)}
    return within / n_samples, sorted(end_list), criticality
