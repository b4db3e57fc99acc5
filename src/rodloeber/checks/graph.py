"""A simple dependency graph of permits, laid out for a server-rendered SVG.

Columns are "waves": a permit sits one column to the right of the latest
permit it depends on. Arrows run from a permit to those that wait for it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

NODE_W, NODE_H, COL_GAP, ROW_GAP, PAD = 200, 58, 56, 18, 12
WRAP = 26
ISOLATED_PER_ROW = 3


@dataclass(frozen=True)
class Node:
    code: str
    lines: tuple[str, ...]
    x: int
    y: int
    required: bool
    level: int

    @property
    def text_y(self) -> int:
        return self.y + NODE_H // 2 - (len(self.lines) - 1) * 8 + 5


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    path: str


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    width: int
    height: int
    levels: tuple[tuple[str, ...], ...]


def _levels(deps: Mapping[str, Sequence[str]]) -> dict[str, int]:
    memo: dict[str, int] = {}

    def level(code: str, seen: frozenset[str]) -> int:
        if code in memo:
            return memo[code]
        inside = [d for d in deps.get(code, ()) if d in deps and d not in seen]
        value = 1 + max((level(d, seen | {code}) for d in inside), default=-1)
        memo[code] = value
        return value

    for code in deps:
        level(code, frozenset())
    return memo


def _lines(name: str) -> tuple[str, ...]:
    lines = textwrap.wrap(name, WRAP) or [name]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), WRAP, placeholder="…")]
    return tuple(lines)


def _node(p: Mapping[str, object], name_key: str, col: int, y: int, level: int) -> Node:
    return Node(
        code=str(p["code"]),
        lines=_lines(str(p[name_key])),
        x=PAD + col * (NODE_W + COL_GAP),
        y=y,
        required=p.get("certainty") == "required",
        level=level,
    )


def _waves(
    permits: Sequence[Mapping[str, object]], levels: Mapping[str, int]
) -> tuple[tuple[str, ...], ...]:
    waves: dict[int, list[str]] = {}
    for p in permits:
        waves.setdefault(levels[str(p["code"])], []).append(str(p["code"]))
    return tuple(tuple(waves[k]) for k in sorted(waves))


def layout(permits: Sequence[Mapping[str, object]], name_key: str) -> Graph:
    """Positions for ``permits`` (PermitSet JSON items) with names from ``name_key``."""
    deps = {
        str(p["code"]): tuple(str(d) for d in p.get("depends_on", ()) or ())  # type: ignore[attr-defined]
        for p in permits
    }
    levels = _levels(deps)
    linked = {c for c, ds in deps.items() for d in ds if d in deps} | {
        d for ds in deps.values() for d in ds if d in deps
    }
    columns: dict[int, list[Mapping[str, object]]] = {}
    for p in permits:
        if str(p["code"]) in linked:
            columns.setdefault(levels[str(p["code"])], []).append(p)
    nodes: dict[str, Node] = {}
    for col, items in sorted(columns.items()):
        for row, p in enumerate(items):
            nodes[str(p["code"])] = _node(p, name_key, col, PAD + row * (NODE_H + ROW_GAP), col)
    linked_rows = max((len(v) for v in columns.values()), default=0)
    per_row = max(len(columns), ISOLATED_PER_ROW)
    top = PAD + linked_rows * (NODE_H + ROW_GAP) + (ROW_GAP if linked_rows else 0)
    isolated = [p for p in permits if str(p["code"]) not in linked]
    for i, p in enumerate(isolated):
        row, col = divmod(i, per_row)
        nodes[str(p["code"])] = _node(p, name_key, col, top + row * (NODE_H + ROW_GAP), 0)
    edges = []
    for code, dependencies in deps.items():
        for dep in dependencies:
            if dep not in nodes:
                continue
            a, b = nodes[dep], nodes[code]
            x1, y1 = a.x + NODE_W, a.y + NODE_H // 2
            x2, y2 = b.x - 4, b.y + NODE_H // 2
            mid = (x1 + x2) // 2
            edges.append(Edge(dep, code, f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"))
    n_cols = max(len(columns), min(len(isolated), per_row))
    n_rows = linked_rows + -(-len(isolated) // per_row)
    return Graph(
        nodes=tuple(nodes.values()),
        edges=tuple(edges),
        width=2 * PAD + n_cols * NODE_W + max(n_cols - 1, 0) * COL_GAP,
        height=2 * PAD + n_rows * NODE_H + max(n_rows - 1, 0) * ROW_GAP + ROW_GAP,
        levels=_waves(permits, levels),
    )
