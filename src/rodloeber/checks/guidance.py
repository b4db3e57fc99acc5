"""Which EU guidance (EU-vejledning) from the catalogue fits a project."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from rodloeber.domain.catalogue import EuGuidance, load_catalogue


def _site(facts: Mapping[str, object]) -> Mapping[str, object]:
    site = facts.get("site")
    return site if isinstance(site, Mapping) else {}


def guidance_keys(facts: Mapping[str, object], permits: Collection[str]) -> list[str]:
    """Guidance keys in catalogue order, for the facts and the permit codes found."""
    activities = facts.get("activities")
    annex1 = isinstance(activities, list) and any(str(a).startswith("bilag1:") for a in activities)
    wanted = {
        "nzia": bool(facts.get("net_zero_technology") or facts.get("nzia_strategic")),
        "crma": bool(facts.get("crma_strategic") or facts.get("crma_stage")),
        "ied": annex1 and "environmental_approval" in permits,
        "eia": bool({"eia_permit", "eia_screening"} & set(permits)),
        "habitats": "natura2000_assessment" in permits
        or _site(facts).get("section3_nature_on_site") is True,
        "water_framework": bool({"discharge_permit", "water_abstraction_permit"} & set(permits)),
        "seveso_iii": "seveso_risk" in permits,
        "ets": "ets_permit" in permits,
        "fdi_screening": "fdi_screening" in permits,
    }
    return [key for key in load_catalogue().eu_guidance if wanted.get(key)]


def matched_guidance(facts: Mapping[str, object], permits: Collection[str]) -> list[EuGuidance]:
    """The catalogue's guidance entries that fit the project."""
    catalogue = load_catalogue().eu_guidance
    return [catalogue[key] for key in guidance_keys(facts, permits)]
