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
    near_protected_line: bool | None = Field(
        None,
        description="Within a lake/river, forest, ancient-monument or church protection line "
        "(naturbeskyttelsesloven §§ 16-19); null = unknown",
    )
    forest_reserve: bool | None = Field(
        None, description="Site has a forest reserve obligation (fredskov, skovloven)"
    )
    agricultural_obligation: bool | None = Field(
        None, description="Site has an agricultural obligation (landbrugspligt, landbrugsloven)"
    )
    road_building_line: bool | None = Field(
        None, description="Building planned in front of a road building line (vejloven § 40)"
    )


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
    crma_extension_of_permitted: bool | None = Field(
        None,
        description="CRMA Art. 11(2), second branch: the expansion extends an existing strategic "
        "project that already holds a permit (only read for an expansion)",
    )
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
    new_road_access: bool | None = Field(
        None, description="A new or widened access to a public road (vejloven § 49)"
    )
    soil_or_groundwater_works: bool | None = Field(
        None,
        description="Burying, placing or infiltrating substances that can pollute soil or "
        "groundwater, or buried tanks (miljøbeskyttelsesloven § 19)",
    )
    watercourse_works: bool | None = Field(
        None,
        description="Works in or at a watercourse: crossings, culverts, outlets (vandløbsloven)",
    )
    coastal_or_seabed_works: bool | None = Field(
        None,
        description="Works in territorial waters or on the foreshore: quays, piers, pipes, "
        "dredging, filling (kystbeskyttelsesloven § 16 a)",
    )
    surplus_heat_delivery: bool | None = Field(
        None,
        description="Surplus heat delivered to a district heating network (varmeforsyningsloven)",
    )
    onsite_generation_mw: float | None = Field(
        None,
        description="Electrical capacity of on-site generation in MW; above 25 MW a production "
        "licence is needed (elforsyningsloven § 10)",
    )
    flammable_storage: bool | None = Field(
        None, description="Storage of flammable liquids or gases beyond the exempt small quantities"
    )
    pharmaceutical_manufacturing: bool | None = Field(
        None,
        description="Manufacturing of medicinal products or intermediates (lægemiddelloven § 39)",
    )
    gmo_contained_use: bool | None = Field(
        None, description="Production or work with genetically modified organisms (contained use)"
    )
    stack_height_m: float | None = Field(
        None,
        description="Height of the tallest stack or structure above ground in metres; from 100 m "
        "it is an aviation obstacle (Trafikstyrelsen)",
    )
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
    planned: bool = Field(
        False, description="In the process plan: only permits the project needs are planned"
    )
    alternative_to: str | None = Field(
        None, description="The permit this one is an alternative to (either that or this)"
    )


class BesidePlanOut(Open):
    """A possible permit or alternative shown beside the plan, not planned."""

    code: str
    name_da: str
    name_en: str
    certainty: Literal["required", "possible"]
    why: str
    why_en: str
    consequence: str = Field(description="What happens to the timeline if it applies")
    consequence_en: str
    alternative_to: str | None = None
    either_or: str | None = None
    either_or_en: str | None = None


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
    possible: bool = Field(
        default=False, description="only possibly needed: the risk goes if it is not needed"
    )


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
    percentile: float | None = Field(
        default=None,
        description="duration percentile the plan was fitted at (null = likely durations)",
    )


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
    p_within_cap_if_possible_not_needed: float | None = Field(
        default=None,
        description="P(within cap) if the permits only possibly needed turn out not to be",
    )
    coordinated_procedures: list[CoordinatedProcedureOut] = Field(default_factory=list)
    clock_exclusions: list[ClockExclusionOut] = Field(default_factory=list)
    cap_fit: CapFitOut | None = None
    cap_fit_at_percentile: CapFitOut | None = Field(
        default=None,
        description="when nothing fits at the percentile: that attempt and its shortfall",
    )
    measures: list[PlanMeasureOut] = Field(default_factory=list)
    permits_beside_plan: list[BesidePlanOut] = Field(
        default_factory=list,
        description="Possible permits and alternatives: not planned, shown with the reason "
        "and the consequence if they apply",
    )
