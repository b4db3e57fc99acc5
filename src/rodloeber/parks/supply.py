"""The utility and transport items of a park screening (forsyning og transport).

The agreement of 21 Nov 2024 ¶ 9-10 asks the state screening to examine water
supply, drainage and treatment of wastewater and waste handling next to power,
heat, gas and transport; § 13 stk. 1 nr. 3-4 makes the infrastructure a
condition. Each item shows the municipality's answer and, where a national
layer exists (power grid, motorways, railways, ports), the layer's findings
from the stored screening report. Where no layer exists the item says so: the
municipality's answer is then the evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SupplyItem:
    key: str  # the application's answer key
    title_da: str
    title_en: str
    legal_basis: str
    layer_criterion: str | None  # the screening report's criterion, if a layer exists

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_da


_NR3 = "L 206 § 13, stk. 1, nr. 3"
_AGREEMENT = "aftalen af 21. nov. 2024, pkt. 10"
SUPPLY_ITEMS: tuple[SupplyItem, ...] = (
    SupplyItem("electricity", "El (elnet)", "Electricity (power grid)", _NR3, "electricity"),
    SupplyItem("heating", "Varme", "Heating", _NR3, None),
    SupplyItem("gas", "Gas", "Gas", _NR3, None),
    SupplyItem("water", "Vandforsyning", "Water supply", f"{_NR3}; {_AGREEMENT}", None),
    SupplyItem(
        "wastewater",
        "Spildevand (afledning og rensning)",
        "Wastewater (drainage and treatment)",
        f"{_NR3}; {_AGREEMENT}",
        None,
    ),
    SupplyItem("waste", "Affald", "Waste", f"{_NR3}; {_AGREEMENT}", None),
    SupplyItem(
        "transport",
        "Transport (vej, bane, havn)",
        "Transport (road, rail, port)",
        "L 206 § 13, stk. 1, nr. 4",
        "transport",
    ),
)


def supply_rows(
    answers: Mapping[str, str], report: Mapping[str, Any] | None, language: str
) -> list[dict[str, Any]]:
    """One row per item: the municipality's answer and the layer findings (if any)."""
    criteria = (report or {}).get("criteria") or []
    rows = []
    for item in SUPPLY_ITEMS:
        findings = [
            str(c.get("summary_en" if language == "en" else "summary_da", ""))
            for c in criteria
            if isinstance(c, dict)
            and item.layer_criterion
            and c.get("criterion") == item.layer_criterion
        ]
        rows.append(
            {
                "key": item.key,
                "title": item.title(language),
                "legal_basis": item.legal_basis,
                "answer": (answers.get(item.key) or "").strip(),
                "has_layer": item.layer_criterion is not None,
                "findings": findings,
            }
        )
    return rows
