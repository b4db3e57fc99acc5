"""Tabel 1 as rule data: load and check ``data/budget.yaml``, seed it into the
database (idempotent; used by the data migration and ``rodloeber budget seed``),
and compute the variance table (afvigelse) against actual spending."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

BUDGET_FILE = Path(__file__).parent / "data" / "budget.yaml"


class BudgetDataError(ValueError):
    """The budget YAML is malformed or does not add up."""


@dataclass(frozen=True)
class LineSpec:
    code: str
    parent: str | None
    level: int
    position: int
    name_da: str
    name_en: str
    authority_codes: tuple[str, ...]
    amounts: dict[int, Decimal]


@dataclass(frozen=True)
class BudgetSpec:
    source: str
    years: tuple[int, ...]
    total: dict[int, Decimal]
    lines: tuple[LineSpec, ...]


def _amounts(raw: Any, years: tuple[int, ...], code: str) -> dict[int, Decimal]:
    if not isinstance(raw, list) or len(raw) != len(years):
        raise BudgetDataError(f"{code}: 'amounts' must list one amount per year {years}")
    return {y: Decimal(str(v)) for y, v in zip(years, raw, strict=True)}


def _check_sum(code: str, amounts: dict[int, Decimal], parts: list[dict[int, Decimal]]) -> None:
    for year, amount in amounts.items():
        total = sum((p[year] for p in parts), Decimal(0))
        if total != amount:
            raise BudgetDataError(f"{code} {year}: parts sum to {total}, not {amount}")


def load_budget(path: Path = BUDGET_FILE) -> BudgetSpec:
    """Read and check the budget file (every level sums to the one above)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    years = tuple(int(y) for y in data["years"])
    total = _amounts(data["total"], years, "total")
    out: list[LineSpec] = []
    pos = 0

    def add(raw: dict[str, Any], parent: str | None, level: int) -> LineSpec:
        nonlocal pos
        pos += 1
        authorities = tuple(raw.get("authorities", ()))
        spec = LineSpec(
            code=raw["code"],
            parent=parent,
            level=level,
            position=pos,
            name_da=raw.get("name_da") or "Heraf til " + ", ".join(authorities),
            name_en=raw.get("name_en") or "Of which to " + ", ".join(authorities),
            authority_codes=authorities,
            amounts=_amounts(raw.get("amounts"), years, raw["code"]),
        )
        out.append(spec)
        return spec

    areas = []
    for area_raw in data["areas"]:
        area = add(area_raw, None, 0)
        areas.append(area.amounts)
        lines = []
        for line_raw in area_raw["lines"]:
            line = add(line_raw, area.code, 1)
            lines.append(line.amounts)
            subs = [add(s, line.code, 2).amounts for s in line_raw.get("sub_lines", [])]
            if subs:
                _check_sum(line.code, line.amounts, subs)
        _check_sum(area.code, area.amounts, lines)
    _check_sum("total", total, areas)
    return BudgetSpec(str(data["source"]), years, total, tuple(out))


def seed_budget(line_model: Any, allocation_model: Any, spec: BudgetSpec | None = None) -> int:
    """Create or update the lines and allocations; returns how many rows changed.

    Takes the model classes so the data migration can pass historical models.
    """
    spec = spec or load_budget()
    changed = 0
    by_code: dict[str, Any] = {}
    for s in spec.lines:
        fields = {
            "parent": by_code.get(s.parent) if s.parent else None,
            "level": s.level,
            "position": s.position,
            "name_da": s.name_da,
            "name_en": s.name_en,
            "authority_codes": ",".join(s.authority_codes),
            "source": spec.source,
        }
        line = line_model.objects.filter(code=s.code).first()
        if line is None:
            line = line_model.objects.create(code=s.code, **fields)
            changed += 1
        elif any(getattr(line, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(line, k, v)
            line.save()
            changed += 1
        by_code[s.code] = line
        for year, amount in s.amounts.items():
            alloc = allocation_model.objects.filter(line=line, year=year).first()
            if alloc is None:
                allocation_model.objects.create(line=line, year=year, amount_mdkk=amount)
                changed += 1
            elif alloc.amount_mdkk != amount:
                alloc.amount_mdkk = amount
                alloc.save()
                changed += 1
    return changed
