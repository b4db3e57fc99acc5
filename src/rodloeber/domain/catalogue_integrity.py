"""Catalogue integrity checks: unique codes and an acyclic permit dependency graph."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from rodloeber.domain.catalogue_models import PermitType
from rodloeber.domain.catalogue_reader import Reader

T = TypeVar("T")


def unique_by(r: Reader, items: list[T], key: str, attr: str) -> dict[str, T]:
    result: dict[str, T] = {}
    for item in items:
        code = str(getattr(item, attr))
        if code in result:
            r.problem(code, key, f"duplicate {key} '{code}'")
        result[code] = item
    return result


def find_cycle(graph: Mapping[str, tuple[str, ...]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in graph.get(node, ()):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if dep not in state and (cycle := visit(dep)) is not None:
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in graph:
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def check_permit_graph(r: Reader, permits: Mapping[str, PermitType]) -> None:
    for permit in permits.values():
        for dep in permit.depends_on:
            if dep not in permits:
                r.problem(permit.code, "depends_on", f"unknown permit code '{dep}'")
            if dep == permit.code:
                r.problem(permit.code, "depends_on", "a permit cannot depend on itself")
    cycle = find_cycle({c: p.depends_on for c, p in permits.items()})
    if cycle:
        r.problem(cycle[0], "depends_on", "dependency cycle: " + " -> ".join(cycle))
