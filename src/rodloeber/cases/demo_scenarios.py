"""The synthetic demo cases (syntetiske demosager): project templates and one
:class:`Scenario` per case, loaded by :mod:`rodloeber.cases.demo`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_SITE = {
    "kommune_kode": "0561",
    "zone": "byzone",
    "in_industrial_park": False,
    "local_plan_allows_use": True,
    "municipal_plan_allows_use": True,
    "natura2000_within_km": 20.0,
    "section3_nature_on_site": False,
    "beach_protection_zone": False,
    "contaminated_land": False,
    "archaeology_interest": False,
}
_BASE: dict[str, Any] = {
    "investment_dkk": 150_000_000,
    "kind": "expansion",
    "net_zero_technology": None,
    "nzia_strategic": False,
    "crma_strategic": False,
    "crma_stage": None,
    "capacity_gw_per_year": None,
    "foreign_investor": False,
    "site": {**_SITE, "in_industrial_park": True},
    "activities": [],
    "eia_annex": "none",
    "hazardous_substances": [],
    "water_abstraction_m3_per_year": 0,
    "dewatering": False,
    "wastewater": "sewer",
    "new_buildings_m2": 8000,
    "ets_activities": [],
    "co2_storage": False,
    "grid_connection_mw": 0,
    "hydrogen_installations": False,
    "construction": {"days": 200, "peak_workers": 40},
}
_BATTERY: dict[str, Any] = {
    **_BASE,
    "investment_dkk": 2_500_000_000,
    "kind": "new",
    "net_zero_technology": "battery_energy_storage",
    "capacity_gw_per_year": 0.4,
    "activities": ["bilag1:battery_manufacturing"],
    "eia_annex": "annex2",
    "water_abstraction_m3_per_year": 60_000,
    "dewatering": True,
    "wastewater": "recipient",
    "new_buildings_m2": 60_000,
    "grid_connection_mw": 150,
}
_ELECTROLYSER: dict[str, Any] = {
    **_BATTERY,
    "investment_dkk": 1_200_000_000,
    "net_zero_technology": "electrolysers_fuel_cells",
    "capacity_gw_per_year": 1.2,
    "site": {**_SITE, "zone": "landzone", "local_plan_allows_use": False},
    "activities": ["bilag1:4.2.a"],
    "eia_annex": "annex1",
    "hazardous_substances": [{"name": "hydrogen", "tonnes": 60}],
    "ets_activities": ["hydrogen_production"],
    "hydrogen_installations": True,
    "grid_connection_mw": 1200,
}
_SMALL: dict[str, Any] = {
    **_BASE,
    "investment_dkk": 20_000_000,
    "site": dict(_SITE),
}
TEMPLATES = {"park": _BASE, "battery": _BATTERY, "electrolyser": _ELECTROLYSER, "small": _SMALL}


@dataclass(frozen=True)
class Scenario:
    """One demo case: template, state to reach and the age of the application."""

    title: str
    template: str
    stage: str
    age_days: int
    company: int = 0
    overrides: dict[str, Any] = field(default_factory=dict)
    #: possible permits the case manager settles as needed a week after the acknowledgement
    needed: tuple[str, ...] = ()


_FOREIGN_DE = {"foreign_investor": True, "investor_country": "DE"}
_FOREIGN_SE = {"foreign_investor": True, "investor_country": "SE"}

SCENARIOS: tuple[Scenario, ...] = (
    Scenario("Udvidelse af pakkeri i Esbjerg (demo)", "park", "draft", 3, 1),
    Scenario("Ny lagerhal til vindmøllevinger (demo)", "park", "draft", 1, 2),
    Scenario("Batterimodulfabrik Esbjerg Øst (demo)", "battery", "submitted", 4, 1),
    Scenario("Varmepumpefabrik, ny linje (demo)", "park", "submitted", 8, 2),
    Scenario("Genanvendelse af kompositter (demo)", "battery", "submitted", 12, 3),
    Scenario("Stålkonstruktioner til havvind (demo)", "park", "submitted", 20, 4),
    Scenario("Mindre værkstedsudvidelse (demo)", "small", "submitted", 6, 5),
    Scenario("Membranfabrik til brændselsceller (demo)", "battery", "info", 25, 3),
    Scenario("Elektrolysestakke til eksport (demo)", "park", "info", 40, 4),
    Scenario("Ombygning af støberi (demo)", "park", "info", 70, 5),
    Scenario("Lille snedkeri (demo)", "small", "rejected", 50, 5),
    Scenario("Pilotanlæg for e-metanol (demo)", "park", "withdrawn", 60, 2),
    Scenario(
        "Elektrolyseanlæg 1,2 GW Esbjerg (demo)", "electrolyser", "progress", 120, 0, _FOREIGN_DE
    ),
    Scenario(
        "Batterifabrik Horsensvej (demo)", "battery", "progress", 150, 1, needed=("eia_permit",)
    ),
    Scenario("Vingeproduktion, hal 3 (demo)", "park", "progress", 90, 2),
    Scenario("Kabelfabrik til havvind (demo)", "park", "progress", 200, 3),
    Scenario("Fabrik for varmelagring (demo)", "battery", "revised", 260, 4),
    Scenario("Tårnsektioner til vindmøller (demo)", "park", "revised", 180, 5),
    Scenario("Bioraffinaderi, udvidelse (demo)", "battery", "overdue", 330, 1),
    Scenario("Solcellemodulfabrik (demo)", "battery", "progress", 60, 2, _FOREIGN_SE),
    Scenario("Katalysatorfabrik (demo)", "battery", "paused", 210, 3),
    Scenario("CO2-fangstudstyr, samlefabrik (demo)", "park", "paused", 140, 4),
    Scenario("Ammoniakkrakkere, komponenter (demo)", "battery", "paused_long", 300, 5),
    Scenario("Brintbeholdere, ny fabrik (demo)", "battery", "extended", 380, 1),
    Scenario("Genbrug af batterimetaller (demo)", "battery", "extension_pending", 280, 2),
    Scenario("Elektrolysestakke, hal 2 (demo)", "battery", "called_in", 170, 3),
    Scenario("Gearkasser til vindmøller (demo)", "park", "decided", 420, 4),
    Scenario("Pumpefabrik, udvidelse (demo)", "park", "decided", 520, 5),
    Scenario("Transformerfabrik (demo)", "park", "decided", 470, 1),
    Scenario("Varmevekslere til fjernvarme (demo)", "park", "progress", 45, 2),
)
