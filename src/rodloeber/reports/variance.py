"""Budget against actual spending (budgetopfølgning): one row per line of
Tabel 1 with allocated, actual and variance per year. The actual figure of a
sub-line is its newest entry; a line's actual is the sum of its sub-lines'
entries (``None`` while none is entered)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rodloeber.reports.models import BudgetAllocation, BudgetLine, BudgetSpend


@dataclass(frozen=True)
class Cell:
    allocated: Decimal
    actual: Decimal | None

    @property
    def variance(self) -> Decimal | None:
        """Actual minus allocated (negative = underspent)."""
        return None if self.actual is None else self.actual - self.allocated

    @property
    def use_share(self) -> float | None:
        if self.actual is None or not self.allocated:
            return None
        return float(self.actual / self.allocated)


@dataclass(frozen=True)
class VarianceRow:
    line: BudgetLine
    cells: dict[int, Cell]

    @property
    def is_leaf(self) -> bool:
        return self.line.level == 2


def latest_spending() -> dict[tuple[int, int], Decimal]:
    """(line id, year) → newest actual amount."""
    out: dict[tuple[int, int], Decimal] = {}
    for s in BudgetSpend.objects.order_by("entered_at", "id"):
        out[(s.line_id, s.year)] = s.amount_mdkk
    return out


def years() -> list[int]:
    return sorted(set(BudgetAllocation.objects.values_list("year", flat=True)))


def variance_rows(only_year: int | None = None) -> list[VarianceRow]:
    lines = list(BudgetLine.objects.order_by("position", "id"))
    alloc = {(a.line_id, a.year): a.amount_mdkk for a in BudgetAllocation.objects.all()}
    spent = latest_spending()
    children: dict[int, list[BudgetLine]] = {}
    for line in lines:
        if line.parent_id:
            children.setdefault(line.parent_id, []).append(line)

    def actual(line: BudgetLine, year: int) -> Decimal | None:
        kids = children.get(line.pk, [])
        if not kids:
            return spent.get((line.pk, year))
        values = [v for v in (actual(k, year) for k in kids) if v is not None]
        return sum(values, Decimal(0)) if values else None

    wanted = [only_year] if only_year else years()
    return [
        VarianceRow(
            line,
            {y: Cell(alloc.get((line.pk, y), Decimal(0)), actual(line, y)) for y in wanted},
        )
        for line in lines
    ]


def totals(rows: list[VarianceRow]) -> dict[int, Cell]:
    """The "I alt" row: the sum of the areas (level 0)."""
    out: dict[int, Cell] = {}
    for row in rows:
        if row.line.level != 0:
            continue
        for y, c in row.cells.items():
            prev = out.get(y, Cell(Decimal(0), None))
            act = prev.actual
            if c.actual is not None:
                act = (act or Decimal(0)) + c.actual
            out[y] = Cell(prev.allocated + c.allocated, act)
    return out
