"""Rule catalogue (regelkatalog): loader and validator.

The catalogue is YAML rule data shipped in the ``rodloeber.catalogue`` package
(permit types, authorities, caps, NZIA/CRMA/IED/Seveso/ETS lists, eligibility
criteria, navigator rules, EU guidance). :func:`load_catalogue` reads and
validates all files and raises :class:`CatalogueError` listing every problem
with file, entry and field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rodloeber.domain.catalogue_integrity import check_permit_graph, unique_by
from rodloeber.domain.catalogue_models import (
    Authority,
    CapRegime,
    ClockRule,
    CrmaMaterial,
    CrmaStage,
    DurationRange,
    EtsActivity,
    EuGuidance,
    IedListing,
    MilestoneTemplate,
    NetZeroTechnology,
    PermitType,
    RuleData,
    SevesoSubstance,
    SimpleCaseRule,
    Text,
)
from rodloeber.domain.catalogue_parsers import (
    parse_authority,
    parse_clock_rule,
    parse_crma_material,
    parse_ets,
    parse_guidance,
    parse_listing,
    parse_permit_type,
    parse_regime,
    parse_rule_data,
    parse_simple_case,
    parse_substance,
)
from rodloeber.domain.catalogue_reader import (
    CatalogueError,
    CatalogueProblem,
    Reader,
    read_yaml,
)

__all__ = [
    "Authority",
    "CapRegime",
    "Catalogue",
    "CatalogueError",
    "CatalogueProblem",
    "ClockRule",
    "CrmaMaterial",
    "CrmaStage",
    "DurationRange",
    "EtsActivity",
    "EuGuidance",
    "IedListing",
    "MilestoneTemplate",
    "NetZeroTechnology",
    "PermitType",
    "RuleData",
    "SevesoSubstance",
    "SimpleCaseRule",
    "Text",
    "default_catalogue_dir",
    "load_catalogue",
]


FILES = (
    "permit_types.yaml",
    "authorities.yaml",
    "caps.yaml",
    "nzia_technologies.yaml",
    "crma.yaml",
    "ied_listings.yaml",
    "seveso.yaml",
    "ets.yaml",
    "eligibility.yaml",
    "navigator_rules.yaml",
    "eu_guidance.yaml",
)


@dataclass(frozen=True)
class Catalogue:
    """The validated rule catalogue. ``version`` comes from the ``VERSION`` file."""

    version: str
    file_versions: Mapping[str, str]
    permit_types: Mapping[str, PermitType]
    authorities: Mapping[str, Authority]
    municipality_name_exceptions: Mapping[str, str]
    municipality_name_exceptions_en: Mapping[str, str]
    regions: Mapping[str, Authority]
    kommune_regions: Mapping[str, str]
    nzia_technologies: Mapping[str, NetZeroTechnology]
    crma_stages: Mapping[str, CrmaStage]
    crma_materials: Mapping[str, CrmaMaterial]
    crma_materials_source: str
    ied_listings: Mapping[str, IedListing]
    ied_service_target_days: Mapping[str, int]
    seveso_substances: Mapping[str, SevesoSubstance]
    ets_activities: Mapping[str, EtsActivity]
    cap_regimes: tuple[CapRegime, ...]
    simple_case: SimpleCaseRule
    clock_rules: tuple[ClockRule, ...]
    eligibility_criteria: Mapping[str, RuleData]
    eligibility_preconditions: Mapping[str, RuleData]
    navigator_rules: Mapping[str, RuleData]
    eu_guidance: Mapping[str, EuGuidance]
    #: Eligibility rules we know exist but could not confirm (e.g. the exception
    #: in L 206 § 2, stk. 2): shown as "may apply", never deciding (ADR 0032).
    eligibility_open_rules: Mapping[str, RuleData] = field(default_factory=dict)

    def municipality_name(self, code: str, dagi_name: str) -> tuple[str, str]:
        """Official (da, en) name of a municipality from its DAGI code and name,
        e.g. ("Esbjerg Kommune", "Esbjerg Municipality"); irregular names
        (Københavns Kommune, Høje-Taastrup Kommune, Bornholms Regionskommune)
        come from authorities.yaml."""
        base = dagi_name.removesuffix(" Kommune")
        da = self.municipality_name_exceptions.get(code, f"{base} Kommune")
        en = self.municipality_name_exceptions_en.get(code, f"{base} Municipality")
        return da, en

    def rule(self, code: str) -> RuleData:
        """Navigator rule data by code."""
        return self.navigator_rules[code]

    def criterion(self, code: str) -> RuleData:
        """Eligibility criterion data by code."""
        return self.eligibility_criteria[code]

    def precondition(self, code: str) -> RuleData:
        """Eligibility precondition data by code (e.g. ``production_company``)."""
        return self.eligibility_preconditions[code]

    def ets_aliases(self) -> dict[str, str]:
        """Old ETS activity keys still accepted, mapped to the current key."""
        return {a: act.key for act in self.ets_activities.values() for a in act.aliases}

    def find_substance(self, name: str) -> SevesoSubstance | None:
        """Look a Seveso substance up by key or alias (case-insensitive)."""
        wanted = name.strip().lower()
        for substance in self.seveso_substances.values():
            if wanted == substance.key or wanted in substance.aliases:
                return substance
        return None


def default_catalogue_dir() -> Path:
    """The packaged catalogue directory (``src/rodloeber/catalogue``)."""
    return Path(__file__).resolve().parent.parent / "catalogue"


def _load(directory: Path) -> Catalogue:
    problems: list[CatalogueProblem] = []
    raw = {name: read_yaml(directory / name, problems) for name in FILES}
    version_path = directory / "VERSION"
    version = version_path.read_text(encoding="utf-8").strip() if version_path.exists() else ""
    if not version:
        problems.append(CatalogueProblem("VERSION", "", "", "file is missing or empty"))

    pr = Reader("permit_types.yaml", problems)
    pdata = raw["permit_types.yaml"]
    templates = pr.mapping(pdata.get("milestone_templates", {}), "", "milestone_templates")
    permit_list = [parse_permit_type(pr, m, templates) for m in pr.entries(pdata, "permit_types")]
    permits = unique_by(pr, permit_list, "code", "code")
    check_permit_graph(pr, permits)

    ar = Reader("authorities.yaml", problems)
    adata = raw["authorities.yaml"]
    authorities = unique_by(
        ar, [parse_authority(ar, m) for m in ar.entries(adata, "authorities")], "code", "code"
    )
    exceptions = {
        str(k): str(v)
        for k, v in ar.mapping(
            adata.get("municipality_name_exceptions", {}), "", "municipality_name_exceptions"
        ).items()
    }
    exceptions_en = {
        str(k): str(v)
        for k, v in ar.mapping(
            adata.get("municipality_name_exceptions_en", {}), "", "municipality_name_exceptions_en"
        ).items()
    }
    regions = unique_by(
        ar, [parse_authority(ar, m) for m in ar.entries(adata, "regions")], "code", "code"
    )
    kommune_regions = {
        str(k): str(v)
        for k, v in ar.mapping(adata.get("kommune_regions", {}), "", "kommune_regions").items()
    }
    for kode, region in kommune_regions.items():
        if region not in regions:
            ar.problem(kode, "kommune_regions", f"unknown region '{region}'")
    for permit in permits.values():
        if permit.authority_code and permit.authority_code not in authorities:
            pr.problem(
                permit.code, "authority_code", f"unknown authority '{permit.authority_code}'"
            )

    nr = Reader("nzia_technologies.yaml", problems)
    techs = unique_by(
        nr,
        [
            NetZeroTechnology(
                key=nr.string(m, "key", "?"),
                point=nr.string(m, "point", str(m.get("key"))),
                name_da=nr.string(m, "name_da", str(m.get("key"))),
                name_en=nr.string(m, "name_en", str(m.get("key"))),
                verified=nr.boolean(m, "verified", str(m.get("key"))),
            )
            for m in nr.entries(raw["nzia_technologies.yaml"], "technologies")
        ],
        "key",
        "key",
    )
    cr = Reader("crma.yaml", problems)
    stages = unique_by(
        cr,
        [
            CrmaStage(
                key=cr.string(m, "key", "?"),
                name_da=cr.string(m, "name_da", str(m.get("key"))),
                name_en=cr.string(m, "name_en", str(m.get("key"))),
                definition_da=cr.string(m, "definition_da", str(m.get("key"))),
                definition_en=cr.string(m, "definition_en", str(m.get("key"))),
            )
            for m in cr.entries(raw["crma.yaml"], "stages")
        ],
        "key",
        "key",
    )
    materials = unique_by(
        cr,
        [parse_crma_material(cr, m) for m in cr.entries(raw["crma.yaml"], "materials")],
        "key",
        "key",
    )
    materials_source = cr.string(raw["crma.yaml"], "materials_source", "")
    ir = Reader("ied_listings.yaml", problems)
    idata = raw["ied_listings.yaml"]
    listings = unique_by(
        ir, [parse_listing(ir, m) for m in ir.entries(idata, "listings")], "code", "code"
    )
    targets_raw = ir.mapping(idata.get("service_target_days", {}), "", "service_target_days")
    ied_targets = {
        a: ir.integer(targets_raw, a, "service_target_days") for a in ("bilag1", "bilag2")
    }

    sr = Reader("seveso.yaml", problems)
    substances = unique_by(
        sr,
        [parse_substance(sr, m) for m in sr.entries(raw["seveso.yaml"], "substances")],
        "key",
        "key",
    )
    er = Reader("ets.yaml", problems)
    ets = unique_by(
        er, [parse_ets(er, m) for m in er.entries(raw["ets.yaml"], "activities")], "key", "key"
    )
    for act in ets.values():
        for alias in act.aliases:
            if alias in ets:
                er.problem(act.key, "aliases", f"alias '{alias}' is also an activity key")

    kr = Reader("caps.yaml", problems)
    cdata = raw["caps.yaml"]
    regimes = [parse_regime(kr, m) for m in kr.entries(cdata, "regimes")]
    unique_by(kr, regimes, "code", "code")
    simple = parse_simple_case(kr, kr.mapping(cdata.get("simple_case"), "", "simple_case"))
    for code in simple.excluded_permits:
        if code not in permits:
            kr.problem("simple_case", "excluded_permits", f"unknown permit code '{code}'")
    clock = [parse_clock_rule(kr, m) for m in kr.entries(cdata, "clock_rules")]

    gr = Reader("eligibility.yaml", problems)
    criteria = unique_by(
        gr,
        [
            parse_rule_data(gr, m, criterion=True)
            for m in gr.entries(raw["eligibility.yaml"], "criteria")
        ],
        "code",
        "code",
    )
    for code in ("A", "B1", "B2", "C"):
        if code not in criteria:
            gr.problem(code, "code", "criterion is missing")
    preconditions = unique_by(
        gr,
        [
            parse_rule_data(gr, m, criterion=True)
            for m in gr.entries(raw["eligibility.yaml"], "preconditions")
        ],
        "code",
        "code",
    )
    if "production_company" not in preconditions:
        gr.problem("production_company", "code", "precondition is missing")
    open_rules = unique_by(
        gr,
        [
            parse_rule_data(gr, m, criterion=True)
            for m in (
                gr.entries(raw["eligibility.yaml"], "open_rules")
                if "open_rules" in raw["eligibility.yaml"]
                else []
            )
        ],
        "code",
        "code",
    )
    for code, rule in open_rules.items():
        if "may_apply" not in rule.texts:
            gr.problem(code, "texts", "an open rule needs a 'may_apply' text")

    vr = Reader("navigator_rules.yaml", problems)
    rules = unique_by(
        vr,
        [
            parse_rule_data(vr, m, criterion=False)
            for m in vr.entries(raw["navigator_rules.yaml"], "rules")
        ],
        "code",
        "code",
    )
    for rule in rules.values():
        for code in rule.permits:
            if code not in permits:
                vr.problem(rule.code, "permits", f"unknown permit code '{code}'")

    ur = Reader("eu_guidance.yaml", problems)
    guidance = unique_by(
        ur,
        [parse_guidance(ur, m) for m in ur.entries(raw["eu_guidance.yaml"], "guidance")],
        "key",
        "key",
    )
    if problems:
        raise CatalogueError(problems)
    return Catalogue(
        version=version,
        file_versions={name: str(data.get("version", "")) for name, data in raw.items()},
        permit_types=permits,
        authorities=authorities,
        municipality_name_exceptions=exceptions,
        municipality_name_exceptions_en=exceptions_en,
        regions=regions,
        kommune_regions=kommune_regions,
        nzia_technologies=techs,
        crma_stages=stages,
        crma_materials=materials,
        crma_materials_source=materials_source,
        ied_listings=listings,
        ied_service_target_days=ied_targets,
        seveso_substances=substances,
        ets_activities=ets,
        cap_regimes=tuple(regimes),
        simple_case=simple,
        clock_rules=tuple(clock),
        eligibility_criteria=criteria,
        eligibility_preconditions=preconditions,
        navigator_rules=rules,
        eu_guidance=guidance,
        eligibility_open_rules=open_rules,
    )


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> Catalogue:
    return _load(directory)


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate the catalogue (cached per directory).

    ``path`` defaults to the packaged ``rodloeber/catalogue`` directory. Raises
    :class:`CatalogueError` listing every problem found.
    """
    return _load_cached((path or default_catalogue_dir()).resolve())
