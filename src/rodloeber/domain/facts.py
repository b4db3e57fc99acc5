"""Project facts (projektoplysninger): the input to eligibility, navigator and plans.

:func:`parse_project_facts` validates a JSON-like mapping (the ProjectFacts
contract in ``docs/api.md``) and returns frozen dataclasses. Missing or
null optional fields mean "unknown" (``None``); the engines then state what
they assumed. Invalid input raises :class:`FactsError` with one
:class:`FieldError` per field (dotted path, Danish and English message).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from rodloeber.domain.catalogue import Catalogue, load_catalogue
from rodloeber.domain.errors import DomainError, ErrorDetail
from rodloeber.domain.facts_reader import FactsReader, FieldError

__all__ = [
    "Construction",
    "FactsError",
    "FieldError",
    "HazardousSubstance",
    "ProjectFacts",
    "Site",
    "parse_project_facts",
]

KINDS = ("new", "expansion", "conversion")
ZONES = ("byzone", "landzone", "sommerhusomraade")
CRMA_STAGES = ("extraction", "processing", "recycling")
EIA_ANNEXES = ("annex1", "annex2", "none", "unknown")
WASTEWATER = ("recipient", "sewer", "none")
DENMARK_BBOX = (7.5, 54.4, 15.7, 58.0)  # lon/lat, incl. Bornholm and Skagen


class FactsError(DomainError):
    """Invalid project facts (ugyldige projektoplysninger), one error per field."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        self.errors = errors
        fields = ", ".join(e.field for e in errors)
        super().__init__(
            f"Projektoplysningerne er ugyldige ({fields}).",
            f"The project facts are invalid ({fields}).",
        )

    def details(self) -> list[ErrorDetail]:
        return [ErrorDetail(e.field, "invalid", e.message_da, e.message_en) for e in self.errors]

    def to_dict(self) -> dict[str, object]:
        """JSON shape for HTTP 422 answers."""
        return {
            "message_da": self.message_da,
            "message_en": self.message_en,
            "errors": [e.to_dict() for e in self.errors],
        }


@dataclass(frozen=True)
class HazardousSubstance:
    """A stock of a dangerous substance (farligt stof) in tonnes."""

    name: str
    tonnes: float


@dataclass(frozen=True)
class Construction:
    """The construction phase (byggeperiode)."""

    days: int | None = None
    peak_workers: int | None = None
    person_days: int | None = None


@dataclass(frozen=True)
class Site:
    """The site (grunden); ``kommune_kode`` is the four-digit DAGI code."""

    kommune_kode: str | None = None
    point: tuple[float, float] | None = None
    zone: str | None = None
    in_industrial_park: bool | None = None
    local_plan_allows_use: bool | None = None
    local_plan_bonus_effect: bool | None = None
    municipal_plan_allows_use: bool | None = None
    natura2000_within_km: float | None = None
    section3_nature_on_site: bool | None = None
    beach_protection_zone: bool | None = None
    contaminated_land: bool | None = None
    archaeology_interest: bool | None = None
    near_protected_line: bool | None = None
    forest_reserve: bool | None = None
    agricultural_obligation: bool | None = None
    road_building_line: bool | None = None


@dataclass(frozen=True)
class ProjectFacts:
    """Facts about a production project; ``None`` means unknown."""

    title: str | None = None
    investment_dkk: int | None = None
    kind: str | None = None
    net_zero_technology: str | None = None
    nzia_strategic: bool | None = None
    crma_strategic: bool | None = None
    crma_stage: str | None = None
    crma_materials: tuple[str, ...] | None = None
    crma_already_in_permitting: bool | None = None
    #: CRMA Art. 11(2), second branch: the project extends an existing strategic
    #: project that already holds a permit (udvidelse af et godkendt strategisk
    #: projekt). Only meaningful for an expansion; a new project is never one.
    crma_extension_of_permitted: bool | None = None
    capacity_gw_per_year: float | None = None
    foreign_investor: bool | None = None
    investor_country: str | None = None
    sensitive_sector: bool | None = None
    site: Site = Site()
    activities: tuple[str, ...] | None = None
    regular_environmental_inspection: bool | None = None
    eia_annex: str | None = None
    hazardous_substances: tuple[HazardousSubstance, ...] | None = None
    water_abstraction_m3_per_year: float | None = None
    dewatering: bool | None = None
    wastewater: str | None = None
    new_buildings_m2: float | None = None
    ets_activities: tuple[str, ...] | None = None
    hydrogen_production_t_per_day: float | None = None
    co2_storage: bool | None = None
    grid_connection_mw: float | None = None
    hydrogen_installations: bool | None = None
    new_road_access: bool | None = None
    soil_or_groundwater_works: bool | None = None
    watercourse_works: bool | None = None
    coastal_or_seabed_works: bool | None = None
    surplus_heat_delivery: bool | None = None
    onsite_generation_mw: float | None = None
    flammable_storage: bool | None = None
    pharmaceutical_manufacturing: bool | None = None
    gmo_contained_use: bool | None = None
    stack_height_m: float | None = None
    construction: Construction | None = None

    def to_dict(self) -> dict[str, object]:
        """The ProjectFacts JSON shape (round-trips through parse_project_facts)."""
        data = asdict(self)
        site = data["site"]
        if site["point"] is not None:
            site["point"] = list(site["point"])
        for key in ("activities", "ets_activities", "crma_materials"):
            if data[key] is not None:
                data[key] = list(data[key])
        if data["hazardous_substances"] is not None:
            data["hazardous_substances"] = list(data["hazardous_substances"])
        return data


def _site(r: FactsReader, raw: Mapping[str, object]) -> Site:
    r.unknown_keys(raw, Site, "site")
    kode = r.kommune_kode(raw, "site.kommune_kode")
    return Site(
        kommune_kode=kode,
        point=r.point(raw, "site.point", DENMARK_BBOX),
        zone=r.choice(raw, "site.zone", ZONES),
        in_industrial_park=r.boolean(raw, "site.in_industrial_park"),
        local_plan_allows_use=r.boolean(raw, "site.local_plan_allows_use"),
        local_plan_bonus_effect=r.boolean(raw, "site.local_plan_bonus_effect"),
        municipal_plan_allows_use=r.boolean(raw, "site.municipal_plan_allows_use"),
        natura2000_within_km=r.number(raw, "site.natura2000_within_km"),
        section3_nature_on_site=r.boolean(raw, "site.section3_nature_on_site"),
        beach_protection_zone=r.boolean(raw, "site.beach_protection_zone"),
        contaminated_land=r.boolean(raw, "site.contaminated_land"),
        archaeology_interest=r.boolean(raw, "site.archaeology_interest"),
        near_protected_line=r.boolean(raw, "site.near_protected_line"),
        forest_reserve=r.boolean(raw, "site.forest_reserve"),
        agricultural_obligation=r.boolean(raw, "site.agricultural_obligation"),
        road_building_line=r.boolean(raw, "site.road_building_line"),
    )


def _substances(
    r: FactsReader, data: Mapping[str, object]
) -> tuple[HazardousSubstance, ...] | None:
    items = r.list_of_mappings(data, "hazardous_substances")
    if items is None:
        return None
    result = []
    for i, item in enumerate(items):
        path = f"hazardous_substances.{i}"
        name = r.string(item, f"{path}.name", required=True)
        tonnes = r.number(item, f"{path}.tonnes", required=True)
        if name is not None and tonnes is not None:
            result.append(HazardousSubstance(name=name, tonnes=tonnes))
    return tuple(result)


def _construction(r: FactsReader, data: Mapping[str, object]) -> Construction | None:
    raw = r.mapping(data, "construction")
    if raw is None:
        return None
    r.unknown_keys(raw, Construction, "construction")
    return Construction(
        days=r.integer(raw, "construction.days"),
        peak_workers=r.integer(raw, "construction.peak_workers"),
        person_days=r.integer(raw, "construction.person_days"),
    )


def parse_project_facts(
    data: Mapping[str, object],
    *,
    catalogue: Catalogue | None = None,
    allow_unknown_keys: bool = False,
) -> ProjectFacts:
    """Validate ``data`` (ProjectFacts JSON) and return :class:`ProjectFacts`.

    Keys of NZIA technologies, CRMA raw materials and ETS activities are
    checked against the catalogue. Unknown keys are errors unless ``allow_unknown_keys``.
    Raises :class:`FactsError` with every problem found.
    """
    cat = catalogue or load_catalogue()
    r = FactsReader(allow_unknown_keys=allow_unknown_keys)
    if not isinstance(data, Mapping):
        r.error(
            "",
            "Projektoplysninger skal være et JSON-objekt.",
            "Project facts must be a JSON object.",
        )
        raise FactsError(tuple(r.errors))
    r.unknown_keys(data, ProjectFacts, "")
    site_raw = r.mapping(data, "site")
    eia = r.choice(data, "eia_annex", EIA_ANNEXES)
    facts = ProjectFacts(
        title=r.string(data, "title"),
        investment_dkk=r.integer(data, "investment_dkk", allow_float=True),
        kind=r.choice(data, "kind", KINDS),
        net_zero_technology=r.choice(data, "net_zero_technology", tuple(cat.nzia_technologies)),
        nzia_strategic=r.boolean(data, "nzia_strategic"),
        crma_strategic=r.boolean(data, "crma_strategic"),
        crma_stage=r.choice(data, "crma_stage", CRMA_STAGES),
        crma_materials=r.keys(data, "crma_materials", tuple(cat.crma_materials)),
        crma_already_in_permitting=r.boolean(data, "crma_already_in_permitting"),
        crma_extension_of_permitted=r.boolean(data, "crma_extension_of_permitted"),
        capacity_gw_per_year=r.number(data, "capacity_gw_per_year"),
        foreign_investor=r.boolean(data, "foreign_investor"),
        investor_country=r.country(data, "investor_country"),
        sensitive_sector=r.boolean(data, "sensitive_sector"),
        site=_site(r, site_raw) if site_raw is not None else Site(),
        activities=r.activities(data, "activities"),
        regular_environmental_inspection=r.boolean(data, "regular_environmental_inspection"),
        eia_annex=None if eia == "unknown" else eia,
        hazardous_substances=_substances(r, data),
        water_abstraction_m3_per_year=r.number(data, "water_abstraction_m3_per_year"),
        dewatering=r.boolean(data, "dewatering"),
        wastewater=r.choice(data, "wastewater", WASTEWATER),
        new_buildings_m2=r.number(data, "new_buildings_m2"),
        ets_activities=r.keys(data, "ets_activities", tuple(cat.ets_activities), cat.ets_aliases()),
        hydrogen_production_t_per_day=r.number(data, "hydrogen_production_t_per_day"),
        co2_storage=r.boolean(data, "co2_storage"),
        grid_connection_mw=r.number(data, "grid_connection_mw"),
        hydrogen_installations=r.boolean(data, "hydrogen_installations"),
        new_road_access=r.boolean(data, "new_road_access"),
        soil_or_groundwater_works=r.boolean(data, "soil_or_groundwater_works"),
        watercourse_works=r.boolean(data, "watercourse_works"),
        coastal_or_seabed_works=r.boolean(data, "coastal_or_seabed_works"),
        surplus_heat_delivery=r.boolean(data, "surplus_heat_delivery"),
        onsite_generation_mw=r.number(data, "onsite_generation_mw"),
        flammable_storage=r.boolean(data, "flammable_storage"),
        pharmaceutical_manufacturing=r.boolean(data, "pharmaceutical_manufacturing"),
        gmo_contained_use=r.boolean(data, "gmo_contained_use"),
        stack_height_m=r.number(data, "stack_height_m"),
        construction=_construction(r, data),
    )
    if r.errors:
        raise FactsError(tuple(r.errors))
    return facts
