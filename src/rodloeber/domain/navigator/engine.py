"""The permit navigator (tilladelsesnavigator): facts -> PermitSet.

Each rule (``rules_*`` modules) adds findings ("required"/"possible") and
assumptions; the engine merges them per permit (required wins), resolves the
competent authority and reduces dependencies to the permits in the set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rodloeber.domain.catalogue import Catalogue, load_catalogue
from rodloeber.domain.facts import ProjectFacts
from rodloeber.domain.navigator import rules_environment as env
from rodloeber.domain.navigator import rules_permits as more
from rodloeber.domain.navigator import rules_planning as plan
from rodloeber.domain.navigator import rules_project as proj
from rodloeber.domain.navigator import rules_site as site
from rodloeber.domain.navigator.authority import resolve_authority
from rodloeber.domain.navigator.context import RuleContext
from rodloeber.domain.navigator.model import REQUIRED, Assumption, Finding, PermitResult, PermitSet

Rule = Callable[[RuleContext], None]

RULES: tuple[Rule, ...] = (
    env.environmental_listing,
    env.eia,
    plan.planning,
    plan.rural_zone,
    plan.building,
    env.wastewater,
    site.water,
    env.seveso,
    site.natura2000,
    site.section3,
    site.coastal,
    site.contaminated_land,
    site.archaeology,
    proj.site_notification,
    env.ets,
    proj.grid,
    proj.hydrogen,
    proj.co2_storage,
    proj.raw_materials,
    proj.fdi,
    more.protection_lines,
    more.forest_reserve,
    more.agricultural_obligation,
    more.road_access,
    more.road_building_line,
    more.soil_groundwater,
    more.watercourse,
    more.seabed_works,
    more.surplus_heat,
    more.power_production,
    more.flammable_storage,
    more.medicines,
    more.gmo,
    more.aviation,
)


def _effective_deps(
    code: str, catalogue: Catalogue, present: set[str], seen: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Dependencies within ``present``; absent ones are replaced by their own deps."""
    result: list[str] = []
    for dep in catalogue.permit_types[code].depends_on:
        if dep in seen:
            continue
        if dep in present:
            result.append(dep)
        else:
            result.extend(_effective_deps(dep, catalogue, present, seen | {code}))
    return tuple(dict.fromkeys(result))


def _service_target(code: str, facts: ProjectFacts, catalogue: Catalogue) -> int | None:
    target = catalogue.permit_types[code].service_target_days
    if code == "environmental_approval" and facts.activities:
        annexes = {a.split(":", 1)[0] for a in facts.activities}
        key = "bilag1" if "bilag1" in annexes else "bilag2"
        return catalogue.ied_service_target_days.get(key, target)
    return target


def _merge(findings: list[Finding]) -> dict[str, list[Finding]]:
    merged: dict[str, list[Finding]] = {}
    for finding in findings:
        merged.setdefault(finding.permit, []).append(finding)
    return merged


def navigate(
    facts: ProjectFacts,
    catalogue: Catalogue | None = None,
    *,
    kommune_names: Mapping[str, str] | None = None,
) -> PermitSet:
    """Find the permits a project needs (required) or may need (possible).

    ``kommune_names`` maps kommune_kode to the DAGI name ("0561" -> "Esbjerg")
    so municipal authorities are named; without it the code is shown.
    """
    cat = catalogue or load_catalogue()
    ctx = RuleContext(facts=facts, catalogue=cat)
    for rule in RULES:
        rule(ctx)
    merged = _merge(ctx.findings)
    present = set(merged)
    names = kommune_names or {}
    results: list[PermitResult] = []
    for code, permit in cat.permit_types.items():
        found = merged.get(code)
        if not found:
            continue
        certainty = REQUIRED if any(f.certainty == REQUIRED for f in found) else "possible"
        chosen = [f for f in found if f.certainty == certainty]
        authority = resolve_authority(permit, facts, cat, names)
        details: dict[str, str] = {}
        for f in chosen:
            details.update(f.details)
        results.append(
            PermitResult(
                code=code,
                name_da=permit.name_da,
                name_en=permit.name_en,
                authority_level=authority.level,
                authority=authority.name.da,
                authority_en=authority.name.en,
                authority_code=authority.code,
                legal_basis=permit.legal_basis,
                service_target_days=_service_target(code, facts, cat),
                service_target_unit=permit.service_target_unit,
                depends_on=_effective_deps(code, cat, present),
                certainty=certainty,
                why=" ".join(dict.fromkeys(f.why.da for f in chosen)),
                why_en=" ".join(dict.fromkeys(f.why.en for f in chosen)),
                rules=tuple(dict.fromkeys(f.rule for f in found)),
                counts_toward_cap=permit.counts_toward_cap,
                details=details,
                permit_type=permit,
                rule_verified=permit.verified
                and authority.verified
                and (certainty != REQUIRED or any(f.verified for f in chosen)),
            )
        )
    assumptions = tuple(dict.fromkeys(ctx.assumptions))
    return PermitSet(tuple(results), _dedupe(assumptions), cat.version)


def _dedupe(assumptions: tuple[Assumption, ...]) -> tuple[Assumption, ...]:
    seen: set[tuple[str, str]] = set()
    result: list[Assumption] = []
    for a in assumptions:
        if (a.field, a.text.da) not in seen:
            seen.add((a.field, a.text.da))
            result.append(a)
    return tuple(result)
