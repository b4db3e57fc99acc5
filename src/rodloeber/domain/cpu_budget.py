"""CPU budget per request (CPU-budget pr. forespørgsel): no request costs more than 2 s of CPU.

Issue #20: the bound on a request's work followed only from the input limits
(vertices, holes, rows); no timer enforced it. A :class:`CpuBudget` measures
the CPU time of the current thread (``time.thread_time``: a loaded machine
does not make a request look more expensive, unlike wall time) and the
expensive loops — screening layers, import rows, export rows, Monte Carlo
samples — call :func:`checkpoint` as they go. Past the budget it raises
:class:`CpuBudgetExceeded`, a domain error (422 ``cpu_budget``, Danish and
English), so the request stops cleanly: nothing has been written yet, or its
transaction rolls back.

The budget is cooperative, not a signal: work between two checkpoints
(one layer's vectorised intersection, one row) is itself bounded by the
input limits. The web layer opens one budget per request
(``rodloeber.web.cpu_budget``, setting ``RODLOEBER_REQUEST_CPU_BUDGET_S``);
command-line runs have none, so :func:`checkpoint` costs one context-variable
read there. Framework-free: plain Python, usable from ``domain/``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from rodloeber.domain.errors import DomainError

__all__ = [
    "DEFAULT_BUDGET_S",
    "CpuBudget",
    "CpuBudgetExceeded",
    "checkpoint",
    "cpu_budget",
    "current_budget",
]

#: Issue #20: "No single request costs more than 2 s of CPU".
DEFAULT_BUDGET_S = 2.0

_current: ContextVar[CpuBudget | None] = ContextVar("rodloeber_cpu_budget", default=None)


class CpuBudgetExceeded(DomainError):
    """The request used up its CPU budget and was stopped (422)."""

    http_status = 422
    code = "cpu_budget"

    def __init__(self, limit_s: float, spent_s: float, where: str) -> None:
        self.limit_s, self.spent_s, self.where = limit_s, spent_s, where
        limit = f"{limit_s:g}"
        super().__init__(
            f"Forespørgslen blev stoppet: den krævede mere end {limit.replace('.', ',')} "
            "sekunders regnetid, som er grænsen for én forespørgsel. Gør forespørgslen mindre "
            "– fx et enklere område, en mindre fil eller færre rækker – og prøv igen. "
            "Intet er gemt.",
            f"The request was stopped: it needed more than {limit} seconds of computing "
            "time, the limit for one request. Make the request smaller — a simpler area, "
            "a smaller file or fewer rows — and try again. Nothing was stored.",
        )


#: Look at the clock about this often (CPU seconds) within one loop …
LOOK_EVERY_S = 0.01
#: … but skip at most this many checkpoints between two looks.
MAX_SKIP = 256


@dataclass
class CpuBudget:
    """CPU seconds one request may use, measured on its own thread.

    Reading the thread's CPU clock is a system call (~2 µs on the project's
    virtual machines), dearer than a cheap loop step such as one CSV row. So
    a checkpoint looks at the clock only every so often: from the CPU the
    last steps of the same loop (same ``where``) cost, it skips as many
    checkpoints as fit in :data:`LOOK_EVERY_S` (at most :data:`MAX_SKIP`).
    A new ``where`` always looks, so a dear loop after a cheap one is not
    skipped over. A request is therefore stopped at most ~10 ms of CPU (or
    one step of a dear loop) after its budget runs out.
    """

    limit_s: float
    started: float = field(default_factory=time.thread_time)
    checks: int = 0
    #: the refusal raised, if the budget ran out (for the request log)
    stopped: CpuBudgetExceeded | None = None
    _where: str | None = None
    _skip: int = 0
    _last_checks: int = 0
    _last_spent: float = 0.0

    def spent(self) -> float:
        return time.thread_time() - self.started

    def check(self, where: str = "") -> None:
        self.checks += 1
        if where == self._where and self._skip > 0:
            self._skip -= 1
            return
        spent = self.spent()
        if spent > self.limit_s:
            self.stopped = CpuBudgetExceeded(self.limit_s, spent, where)
            raise self.stopped
        steps, cost = self.checks - self._last_checks, spent - self._last_spent
        self._last_checks, self._last_spent = self.checks, spent
        if where != self._where:  # a new loop: measure its own steps first
            self._where, self._skip = where, 0
            return
        per_step = cost / steps if steps else 0.0
        headroom = min(LOOK_EVERY_S, self.limit_s - spent)
        self._skip = min(MAX_SKIP, int(headroom / per_step)) if per_step > 0 else MAX_SKIP


def current_budget() -> CpuBudget | None:
    return _current.get()


def checkpoint(where: str = "") -> None:
    """Raise :class:`CpuBudgetExceeded` if the current request is over its budget."""
    budget = _current.get()
    if budget is not None:
        budget.check(where)


@contextmanager
def cpu_budget(limit_s: float | None) -> Iterator[CpuBudget | None]:
    """Run the block under a budget of ``limit_s`` CPU seconds (``None`` or ≤ 0: none)."""
    budget = CpuBudget(float(limit_s)) if limit_s and limit_s > 0 else None
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
