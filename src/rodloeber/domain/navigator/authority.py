"""Competent authority (kompetent myndighed) of each permit in a navigation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rodloeber.domain.catalogue import Catalogue, PermitType, Text
from rodloeber.domain.facts import ProjectFacts


@dataclass(frozen=True)
class ResolvedAuthority:
    """Level, bilingual name and code (agency code or kommune_kode)."""

    level: str
    name: Text
    code: str | None
    #: The level is confirmed (False: it rests on an unconfirmed (s) mark).
    verified: bool = True


def municipality_name(
    code: str | None, kommune_names: Mapping[str, str], catalogue: Catalogue
) -> Text:
    """'Esbjerg Kommune' from a DAGI name; irregular names from the catalogue."""
    if code is None:
        return Text("Kommunen (kommunekode ikke oplyst)", "The municipality (code not stated)")
    navn = kommune_names.get(code)
    if not navn and code not in catalogue.municipality_name_exceptions:
        return Text(f"Kommunen (kode {code})", f"The municipality (code {code})")
    return Text(*catalogue.municipality_name(code, navn or ""))


def environmental_is_state(facts: ProjectFacts, catalogue: Catalogue) -> bool:
    """True when any listed activity is marked (s) in godkendelsesbekendtgørelsen."""
    return any(
        (listing := catalogue.ied_listings.get(code)) is not None and listing.state
        for code in facts.activities or ()
    )


def environmental_level_verified(facts: ProjectFacts, catalogue: Catalogue) -> bool:
    """True when every listed activity has a confirmed (s) mark in the catalogue.

    An activity code the catalogue does not know, or a listing whose (s) mark
    is not confirmed (``state_verified: false``), leaves the approving
    authority (stat/kommune) unconfirmed.
    """
    return all(
        (listing := catalogue.ied_listings.get(code)) is not None and listing.state_verified
        for code in facts.activities or ()
    )


def region_authority(kommune_kode: str | None, catalogue: Catalogue) -> ResolvedAuthority:
    """Regionsrådet of the region the site's municipality lies in."""
    region = catalogue.regions.get(catalogue.kommune_regions.get(kommune_kode or "", ""))
    if region is None:
        return ResolvedAuthority(
            "regional",
            Text(
                "Regionsrådet i den region, hvor grunden ligger (kommunekode ikke oplyst)",
                "The regional council where the site lies (municipality code not stated)",
            ),
            None,
        )
    return ResolvedAuthority("regional", Text(region.name_da, region.name_en), region.code)


def resolve_authority(
    permit: PermitType,
    facts: ProjectFacts,
    catalogue: Catalogue,
    kommune_names: Mapping[str, str],
) -> ResolvedAuthority:
    """Apply the permit type's ``authority_rule`` to the facts."""
    rule = permit.authority_rule
    if rule == "site_region" or (
        permit.regional_for_extraction and facts.crma_stage == "extraction"
    ):
        return region_authority(facts.site.kommune_kode, catalogue)
    kommune = ResolvedAuthority(
        "municipal",
        municipality_name(facts.site.kommune_kode, kommune_names, catalogue),
        facts.site.kommune_kode,
    )
    if rule == "site_kommune":
        return kommune
    if rule in ("environmental_listing", "follows_environmental"):
        confirmed = environmental_level_verified(facts, catalogue)
        if not environmental_is_state(facts, catalogue):
            return ResolvedAuthority(kommune.level, kommune.name, kommune.code, confirmed)
        agency = catalogue.authorities[permit.authority_code or ""]
        name = Text(agency.name_da, agency.name_en)
        return ResolvedAuthority(agency.level, name, agency.code, confirmed)
    agency = catalogue.authorities[permit.authority_code or ""]
    return ResolvedAuthority(agency.level, Text(agency.name_da, agency.name_en), agency.code)
