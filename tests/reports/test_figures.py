"""Public figures against hand-computed values on the fixed data set (conftest)."""

from __future__ import annotations

from typing import Any

import pytest

from rodloeber.reports.figures import Scope
from rodloeber.reports.statistics import public_figures

pytestmark = pytest.mark.django_db


def _fig(scope: Scope, key: str) -> dict[str, dict[str, Any]]:
    fig = next(f for f in public_figures(scope) if f.key == key)
    return {r["key"]: r for r in fig.rows}


def test_cases_by_category_suppresses_small_groups(fixed_cases: Any, scope: Scope) -> None:
    rows = _fig(scope, "cases-by-category")
    # A: C1, C2, C4, C6 = 4; B1: C3, C5 = 2 (hidden); none: C7 = 1 (hidden); draft ignored.
    assert rows["A"]["cases"] == 4
    assert rows["B1"]["cases"] is None
    assert rows["none"]["cases"] is None
    # every criterion is a row (zero shown), so category and status cover the same cases
    assert rows["B2"]["cases"] == 0 and rows["C"]["cases"] == 0
    assert rows["C"]["label"].startswith("C: ") and rows["C"]["label_en"].startswith("C: ")
    assert list(rows) == ["A", "B1", "B2", "C", "none"]


def test_breakdowns_add_up(fixed_cases: Any, scope: Scope, monkeypatch: pytest.MonkeyPatch) -> None:
    from rodloeber.reports import figures

    monkeypatch.setattr(figures, "min_group_size", lambda: 1)  # no suppression
    totals = {f.key: sum(r["cases"] for r in f.rows) for f in figures.case_breakdowns(scope)}
    assert totals["cases-by-category"] == totals["cases-by-status"] == 7


def test_cases_by_status(fixed_cases: Any, scope: Scope) -> None:
    rows = _fig(scope, "cases-by-status")
    assert rows["decided"]["cases"] == 4
    assert rows["withdrawn"]["cases"] == 0  # zero is shown
    assert rows["in_progress"]["cases"] is None  # 1
    assert rows["submitted"]["cases"] is None  # 1
    assert "draft" not in rows


def test_cases_by_region(fixed_cases: Any, scope: Scope) -> None:
    rows = _fig(scope, "cases-by-region")
    assert rows["1083"]["cases"] == 4  # Syddanmark: C1, C2, C3, C7
    assert rows["1083"]["label"] == "Region Syddanmark"
    assert rows["1082"]["cases"] is None  # Midtjylland: 2
    assert rows["1084"]["cases"] is None  # Hovedstaden: 1


def test_processing_time_by_permit_type(fixed_cases: Any, scope: Scope) -> None:
    rows = _fig(scope, "time-by-permit-type")
    eia = rows["eia_screening"]
    # days 30, 50, 90, 122: median (50 + 90) / 2 = 70; P90 = rank ceil(3.6) = 4th = 122;
    # within the 90-day target: 30, 50, 90 → 3 / 4.
    assert (eia["n"], eia["median_days"], eia["p90_days"]) == (4, 70.0, 122.0)
    assert eia["target_days"] == 90
    assert eia["share_within_target"] == 0.75
    building = rows["building_permit"]  # only 2 decisions
    assert building["n"] is None and building["median_days"] is None


def test_processing_time_by_authority(fixed_cases: Any, scope: Scope) -> None:
    rows = _fig(scope, "time-by-authority")
    mst = next(r for r in rows.values() if r["label"] == "Miljøstyrelsen")
    assert (mst["n"], mst["median_days"], mst["p90_days"]) == (4, 70.0, 122.0)
    assert mst["share_within_target"] == 0.75
    esbjerg = rows["Esbjerg Kommune"]
    assert esbjerg["n"] is None


def test_within_cap_with_pauses_and_extensions(fixed_cases: Any, scope: Scope) -> None:
    rows = _fig(scope, "within-cap")
    # Decided: C1, C3, C4 within; C2 late. Pauses on C1 and C2, one extension on C2.
    assert rows["all"]["cases"] == 4
    assert rows["all"]["within_cap"] == 3
    assert rows["all"]["share_within_cap"] == 0.75
    assert rows["all"]["pauses"] == 2
    assert rows["all"]["extensions"] == 1
    # plain (C3, C4) and changed (C1, C2) are both groups of 2: hidden.
    assert rows["plain"]["cases"] is None and rows["changed"]["share_within_cap"] is None


def test_quarterly_trend(fixed_cases: Any, scope: Scope) -> None:
    rows = _fig(scope, "trend-by-quarter")
    assert list(rows) == ["2025-K1", "2025-K2", "2025-K3", "2025-K4", "2026-K1", "2026-K2"]
    assert rows["2025-K1"]["submitted"] == 4  # C1..C4
    assert rows["2025-K2"]["submitted"] is None  # C5, C6
    assert rows["2025-K3"]["decided"] is None  # C1, C3
    assert rows["2026-K2"]["submitted"] == 0


def test_demo_cases_only_in_demo_mode(fixed_cases: Any, scope: Scope) -> None:
    for c in fixed_cases.values():
        c.synthetic = True
        c.save(update_fields=["synthetic"])
    rows = _fig(scope, "cases-by-category")
    assert all(r["cases"] in (0, None) for r in rows.values()) or rows == {}
    demo = Scope(include_demo=True, today=scope.today)
    figs = public_figures(demo)
    cat = next(f for f in figs if f.key == "cases-by-category")
    assert cat.synthetic is True
    assert {r["key"]: r["cases"] for r in cat.rows}["A"] == 4
