"""OpenAPI shapes of ProjectFacts, Eligibility, PermitSet and Plan (docs/api.md).

Pydantic checks JSON types at the edge; the domain parser
(``parse_project_facts``) then checks meaning (known codes, ranges, Denmark)
and answers per field in Danish and English. Every field is optional:
missing means "unknown", and the answer says what it assumed.
"""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class Open(BaseModel):
    """Output shape: the contract fields are declared; added fields pass through."""

    model_config = ConfigDict(extra="allow")


class SiteIn(Strict):
    kommune_kode: str | None = Field(None, description="4-digit DAGI municipality code, e.g. 0561")
    point: list[float] | None = Field(None, description="[lon, lat] in EPSG:4326")
    zone: Literal["byzone", "landzone", "sommerhusomraade"] | None = None
    in_industrial_park: bool | None = None
    local_plan_allows_use: bool | None = None
    local_plan_bonus_effect: bool | None = None
    municipal_plan_allows_use: bool | None = None
    natura2000_within_km: float | None = None
    section3_nature_on_site: bool | None = None
    beach_protection_zone: bool | None = None
    contaminated_land: bool | None = None
    archaeology_interest: bool | None = None


class SubstanceIn(Strict):
    name: str
    tonnes: float


class ConstructionIn(Strict):
    days: int | None = None
    peak_workers: int | None = None
    person_days: int | None = None


class ProjectFactsIn(Strict):
    """ProjectFacts: what the company knows about its project (unknown = omitted or null)."""

    title: str | None = Field(None, max_length=300)
    investment_dkk: float | None = Field(None, description="Planned investment in DKK")
    kind: Literal["new", "expansion", "conversion"] | None = None
    net_zero_technology: str | None = Field(None, description="NZIA Art. 4 list key")
    nzia_strategic: bool | None = None
    crma_strategic: bool | None = None
    crma_stage: Literal["extraction", "processing", "recycling"] | None = None
    crma_materials: list[str] | None = Field(
        None,
        description="CRMA raw materials (crma.yaml keys: Annex names in lowercase English with "
        "underscores, e.g. lithium, copper, natural_graphite); criterion A via CRMA needs one "
        "on Annex II",
    )
    crma_already_in_permitting: bool | None = None
    capacity_gw_per_year: float | None = None
    foreign_investor: bool | None = None
    investor_country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    sensitive_sector: bool | None = None
    site: SiteIn | None = None
    activities: list[str] | None = Field(
        None, description='Godkendelsesbekendtgørelsen listings, "bilag1:<punkt>" / "bilag2:<kode>"'
    )
    regular_environmental_inspection: bool | None = Field(
        None,
        description="Subject to regular environmental inspection (L 206 § 2, nr. 2: "
        "produktionsvirksomhed); null = unknown",
    )
    eia_annex: Literal["annex1", "annex2", "none", "unknown"] | None = None
    hazardous_substances: list[SubstanceIn] | None = None
    water_abstraction_m3_per_year: float | None = None
    dewatering: bool | None = None
    wastewater: Literal["recipient", "sewer", "none"] | None = None
    new_buildings_m2: float | None = None
    ets_activities: list[str] | None = Field(
        None,
        description="EU ETS Annex I activity keys (ets.yaml); the old key "
        "hydrogen_production_over_25t_per_day is accepted as an alias",
    )
    hydrogen_production_t_per_day: float | None = Field(
        None,
        description="Hydrogen and synthesis gas production capacity in tonnes per day; above "
        "the catalogue threshold (5 t/day, Dir. 2003/87/EC Annex I as amended by "
        "Dir. (EU) 2023/959) the ETS permit is required",
    )
    co2_storage: bool | None = None
    grid_connection_mw: float | None = None
    hydrogen_installations: bool | None = None
    construction: ConstructionIn | None = None


class PlanPreviewIn(Strict):
    facts: ProjectFactsIn
    clock_start: str = Field(..., description="YYYY-MM-DD: the completeness acknowledgement")
    n_samples: int = Field(10_000, ge=0, le=100_000, description="Monte Carlo samples (0 = none)")


class EligibilityCriterionOut(Open):
    code: str
    met: bool
    reason: str
    legal_basis: str
    legal_basis_en: str


class RegimeOut(Open):
    regime: str | None
    months: int | None


class EligibilityCapOut(Open):
    months: int | None
    regime: str | None
    legal_basis: str | None
    legal_basis_en: str | None
    considered: list[RegimeOut]


class EligibilityOut(Open):
    eligible: bool
    criteria: list[EligibilityCriterionOut]
    cap: EligibilityCapOut


class NavigatorPermitOut(Open):
    code: str
    name_da: str
    name_en: str
    authority_level: str
    authority: str
    legal_basis: str
    legal_basis_en: str
    service_target_days: int | None
    depends_on: list[str]
    certainty: Literal["required", "possible"]
    why: str


class PermitSetOut(Open):
    permits: list[NavigatorPermitOut]
    assumptions: list[str]
    catalogue_version: str


class PlanMilestoneOut(Open):
    kind: str
    date: str


class PlannedPermitOut(Open):
    code: str
    start: str
    end: str
    on_critical_path: bool
    milestones: list[PlanMilestoneOut]


class PlanLinkOut(Open):
    pred: str
    succ: str
    type: Literal["FS", "SS", "FF"]
    lag_days: int
    procedure: str = Field(description="the coordinated procedure ('' = plain depends_on)")


class RiskDriverOut(Open):
    code: str
    criticality: float
    min_days: int
    max_days: int
    text_da: str
    text_en: str


class CoordinatedProcedureOut(Open):
    code: str
    label_da: str
    label_en: str
    legal_basis: str
    legal_basis_en: str
    verified: bool


class ClockExclusionOut(Open):
    code: str
    kind: Literal["permit_time", "appeal_period", "company_response"]
    permits: list[str]
    legal_basis: str
    legal_basis_en: str
    verified: bool
    applied: bool = Field(description="true = the deadline moved; unverified ones never apply")


class CapFitShortfallOut(Open):
    permit: str
    days: int


class CapFitOut(Open):
    fits: bool
    needed: bool
    chosen: list[str]
    limit_days: int
    end_days: int
    shortfall: list[CapFitShortfallOut]


class PlanMeasureOut(Open):
    code: str
    permit: str
    saving_days: int
    effort: int
    label_da: str
    label_en: str
    legal_basis: str
    legal_basis_en: str
    verified: bool


class PlanOut(Open):
    clock_start: str
    cap: EligibilityCapOut | dict[str, object]
    cap_deadline: str
    permits: list[PlannedPermitOut]
    expected_end: str
    p_within_cap: float | None
    critical_path: list[str]
    links: list[PlanLinkOut] = Field(default_factory=list)
    clock_excluded: list[str] = Field(default_factory=list)
    excluded_days: int = 0
    risk_drivers: list[RiskDriverOut] = Field(default_factory=list)
    coordinated_procedures: list[CoordinatedProcedureOut] = Field(default_factory=list)
    clock_exclusions: list[ClockExclusionOut] = Field(default_factory=list)
    cap_fit: CapFitOut | None = None
    measures: list[PlanMeasureOut] = Field(default_factory=list)
