"""Deterministic schedule (tidsplan): dependency graph, earliest start, critical path.

Dependencies are links (:mod:`.links`): finish-to-start by default (a permit
starts on the day its prerequisite, forudsætning, is decided), or
start-to-start / finish-to-finish with a lag where a coordinated procedure
allows it; independent permits run in parallel. The critical path (kritisk
vej) is the chain of permits that bound the cap: from the latest-ending
permit the cap covers back through each permit's binding predecessor. A
permit the cap does not cover (e.g. the grid connection, a contract) is
outside the cap: never on the cap's critical path, its float measured to its
own end, so a long one cannot move the cap line's path (issue #16).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from rodloeber.domain.planning.clock import Interval, advance_skipping
from rodloeber.domain.planning.errors import (
    CycleError,
    DuplicatePermitError,
    MissingPrerequisiteError,
)
from rodloeber.domain.planning.links import Link, LinkLike, LinkType, outgoing, resolve_links
from rodloeber.domain.planning.templates import PermitTypeLike, validate_permit

__all__ = [
    "DependencyGraph",
    "Schedule",
    "ScheduledTask",
    "TaskConstraint",
    "build_graph",
    "compute_schedule",
]


@dataclass(frozen=True)
class DependencyGraph:
    """The permits' DAG (afhængighedsgraf) in a deterministic topological order."""

    order: tuple[str, ...]
    predecessors: Mapping[str, tuple[str, ...]]
    successors: Mapping[str, tuple[str, ...]]
    #: Links into each permit (type and lag); FS lag 0 for plain depends_on.
    incoming: Mapping[str, tuple[Link, ...]] = field(default_factory=dict)
    outgoing: Mapping[str, tuple[Link, ...]] = field(default_factory=dict)

    def index(self) -> dict[str, int]:
        """Position of each code in :attr:`order`."""
        return {code: i for i, code in enumerate(self.order)}


def _find_cycle(nodes: set[str], preds: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Return one cycle among ``nodes`` (which all lie on or behind a cycle)."""
    start = min(nodes)
    path: list[str] = []
    seen: dict[str, int] = {}
    node = start
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = min(p for p in preds[node] if p in nodes)
    cycle = path[seen[node] :]
    cycle.reverse()  # prerequisite first, reads "a → b" as "a before b"
    return [*cycle, cycle[0]]


def build_graph(
    permits: Sequence[PermitTypeLike], coordinated: Iterable[LinkLike] = ()
) -> DependencyGraph:
    """Validate the permits and order them (topologisk orden).

    ``coordinated`` are the catalogue's coordinated-procedure links; see
    :func:`~rodloeber.domain.planning.links.resolve_links`. Raises
    :class:`DuplicatePermitError`, :class:`MissingPrerequisiteError` or
    :class:`CycleError` with a clear bilingual message.
    """
    position: dict[str, int] = {}
    for i, p in enumerate(permits):
        if p.code in position:
            raise DuplicatePermitError(p.code)
        position[p.code] = i
        validate_permit(p)
    preds: dict[str, tuple[str, ...]] = {}
    succs: dict[str, list[str]] = {p.code: [] for p in permits}
    for p in permits:
        missing = [d for d in dict.fromkeys(p.depends_on) if d not in position]
        if missing:
            raise MissingPrerequisiteError(p.code, missing)
    incoming = resolve_links(permits, coordinated)
    for p in permits:
        deps = tuple(dict.fromkeys(link.pred for link in incoming[p.code]))
        preds[p.code] = deps
        for d in deps:
            succs[d].append(p.code)
    indegree = {code: len(deps) for code, deps in preds.items()}
    ready = [(position[c], c) for c, n in indegree.items() if n == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, code = heapq.heappop(ready)
        order.append(code)
        for s in succs[code]:
            indegree[s] -= 1
            if indegree[s] == 0:
                heapq.heappush(ready, (position[s], s))
    if len(order) < len(position):
        raise CycleError(_find_cycle(set(position) - set(order), preds))
    return DependencyGraph(
        order=tuple(order),
        predecessors=preds,
        successors={c: tuple(s) for c, s in succs.items()},
        incoming=incoming,
        outgoing=outgoing(incoming),
    )


@dataclass(frozen=True)
class TaskConstraint:
    """Constraints on one permit from pauses, actual dates and forecasts.

    ``fixed_start``/``fixed_end`` are actual dates (faktiske datoer);
    ``min_end`` comes from revised forecasts; ``not_before`` keeps open work
    from starting in the past; ``blocked`` are the permit's pauses (merged).
    """

    duration_days: int | None = None
    not_before: date | None = None
    fixed_start: date | None = None
    fixed_end: date | None = None
    min_end: date | None = None
    blocked: tuple[Interval, ...] = ()


@dataclass(frozen=True)
class ScheduledTask:
    """One permit in the schedule (planlagt tilladelse)."""

    code: str
    start: date
    end: date
    base_duration_days: int
    latest_start: date
    latest_end: date
    binding_predecessor: str | None
    predecessors: tuple[str, ...] = ()
    #: The cap covers this permit (False = outside the cap, never critical for it).
    in_cap: bool = True

    @property
    def duration_days(self) -> int:
        """Effective calendar days from start to decision, pauses included."""
        return (self.end - self.start).days

    @property
    def total_float_days(self) -> int:
        """Slack before the permit delays the plan end (total float / buffer)."""
        return (self.latest_start - self.start).days

    @property
    def on_critical_path(self) -> bool:
        """Zero float: any delay moves the cap-relevant end (på den kritiske vej)."""
        return self.in_cap and self.total_float_days <= 0


@dataclass(frozen=True)
class Schedule:
    """A computed schedule (tidsplan) with its critical path."""

    start: date
    end: date
    tasks: Mapping[str, ScheduledTask]
    order: tuple[str, ...]
    critical_path: tuple[str, ...]
    graph: DependencyGraph = field(repr=False)

    def end_of(self, codes: Sequence[str]) -> date:
        """Latest end among ``codes`` (the plan start when empty)."""
        return max((self.tasks[c].end for c in codes), default=self.start)


def compute_schedule(
    permits: Sequence[PermitTypeLike],
    start: date,
    constraints: Mapping[str, TaskConstraint] | None = None,
    graph: DependencyGraph | None = None,
) -> Schedule:
    """Earliest-start schedule (tidligste start) with float and critical path.

    Durations are the permits' likely calendar days unless a constraint
    overrides them; pauses in ``blocked`` stretch a permit's end.
    """
    graph = graph or build_graph(permits)
    by_code = {p.code: p for p in permits}
    constraints = constraints or {}
    empty = TaskConstraint()
    starts: dict[str, date] = {}
    ends: dict[str, date] = {}
    binding: dict[str, str | None] = {}
    for code in graph.order:
        c = constraints.get(code, empty)
        links = graph.incoming.get(code) or tuple(Link(p, code) for p in graph.predecessors[code])
        bind: str | None = None
        es = start
        for link in links:
            if link.type is LinkType.FF:
                continue
            base = ends[link.pred] if link.type is LinkType.FS else starts[link.pred]
            cand = base + timedelta(days=link.lag_days)
            if cand > es or (bind is None and cand == es and link.type is LinkType.FS):
                es, bind = cand, link.pred
        if c.not_before is not None and c.not_before > es:
            es, bind = c.not_before, None
        if c.fixed_start is not None:
            es, bind = c.fixed_start, None
        if c.fixed_end is not None:
            ef = max(c.fixed_end, es)
        else:
            dur = c.duration_days
            if dur is None:
                dur = by_code[code].duration.likely_days
            ef = advance_skipping(es, dur, c.blocked)
            if c.min_end is not None and c.min_end > ef:
                ef = c.min_end
            for link in links:  # finish-to-finish: decided no earlier than the partner
                if link.type is LinkType.FF:
                    cand = ends[link.pred] + timedelta(days=link.lag_days)
                    if cand > ef:
                        ef, bind = cand, link.pred
        starts[code], ends[code], binding[code] = es, ef, bind
    end = max(ends.values(), default=start)
    capped = [c for c in graph.order if by_code[c].counts_toward_cap]
    horizon = max((ends[c] for c in capped), default=end)
    latest_start: dict[str, date] = {}
    latest_end: dict[str, date] = {}
    for code in reversed(graph.order):
        own = ends[code] - starts[code]
        lf = horizon if by_code[code].counts_toward_cap else max(horizon, ends[code])
        for link in graph.outgoing.get(code, ()):
            lag = timedelta(days=link.lag_days)
            if link.type is LinkType.FS:
                lf = min(lf, latest_start[link.succ] - lag)
            elif link.type is LinkType.SS:
                lf = min(lf, latest_start[link.succ] - lag + own)
            else:
                lf = min(lf, latest_end[link.succ] - lag)
        if not graph.outgoing:  # a graph built without links: plain FS
            lf = min((latest_start[s] for s in graph.successors[code]), default=lf)
        latest_end[code] = lf
        latest_start[code] = lf - own
    tasks = {
        code: ScheduledTask(
            code=code,
            start=starts[code],
            end=ends[code],
            base_duration_days=_base_duration(constraints.get(code, empty), by_code[code]),
            latest_start=latest_start[code],
            latest_end=latest_end[code],
            binding_predecessor=binding[code],
            predecessors=graph.predecessors[code],
            in_cap=by_code[code].counts_toward_cap,
        )
        for code in graph.order
    }
    return Schedule(
        start=start,
        end=end,
        tasks=tasks,
        order=graph.order,
        critical_path=_critical_chain(capped or list(graph.order), ends, binding),
        graph=graph,
    )


def _critical_chain(
    order: Sequence[str], ends: Mapping[str, date], binding: Mapping[str, str | None]
) -> tuple[str, ...]:
    """Backtrack from the latest-ending permit through binding predecessors."""
    if not order:
        return ()
    last = max(order, key=lambda c: (ends[c], -order.index(c)))
    chain = [last]
    node = binding[last]
    while node is not None:
        chain.append(node)
        node = binding[node]
    chain.reverse()
    return tuple(chain)


def _base_duration(c: TaskConstraint, permit: PermitTypeLike) -> int:
    """The planned duration before pauses (override or likely days)."""
    return permit.duration.likely_days if c.duration_days is None else c.duration_days
