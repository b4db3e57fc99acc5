"""Navigator rules for the permits added in issue #15 item 7.

Beskyttelseslinjer (NBL §§ 16-19), fredskov, landbrugspligt, vejadgang, vejbyggelinjer,
MBL § 19, vandløb, søterritoriet, overskudsvarme, elproduktionsbevilling,
brandfarligt oplag, fremstillertilladelse, GMO og luftfartshindringer.

A fact that is true makes the permit required (for site facts: when the project
builds). An unknown fact makes it possible where the site or project gives a
reason to think it applies; otherwise the answer states what was assumed.
Unknown never makes a permit required.
"""

from __future__ import annotations

from rodloeber.domain.navigator.context import RuleContext, numbers


def _site_flag(ctx: RuleContext, rule_code: str, permit: str, fact: str, flag: bool | None) -> None:
    """A site restriction that matters only when the project builds or changes use."""
    rule = ctx.rule(rule_code)
    build = ctx.building()
    if flag is False or build is False:
        return
    if flag is None:
        ctx.possible(permit, rule.text("possible"), rule.code)
        ctx.assume(fact, rule.text("assumption"), rule.code)
    elif build:
        ctx.require(permit, rule.text("required"), rule.code)
    else:
        ctx.possible(permit, rule.text("required"), rule.code)


def _flag(
    ctx: RuleContext, rule_code: str, fact: str, flag: bool | None, *, hint: bool = True
) -> None:
    """True -> required; unknown -> possible when ``hint``, else an assumption ("none")."""
    rule = ctx.rule(rule_code)
    if flag:
        for permit in rule.permits:
            ctx.require(permit, rule.text("required"), rule.code)
    elif flag is None:
        if hint:
            for permit in rule.permits:
                ctx.possible(permit, rule.text("possible"), rule.code)
        ctx.assume(fact, rule.text("assumption"), rule.code)


def protection_lines(ctx: RuleContext) -> None:
    """Sø-, å-, skov-, fortidsminde- og kirkebyggelinjer -> dispensation (NBL § 65)."""
    flag = ctx.facts.site.near_protected_line
    _site_flag(
        ctx, "protection_lines", "protection_line_dispensation", "site.near_protected_line", flag
    )


def forest_reserve(ctx: RuleContext) -> None:
    """Fredskov on the site -> ophævelse af fredskovspligt (skovloven § 6)."""
    flag = ctx.facts.site.forest_reserve
    _site_flag(ctx, "forest_reserve", "forest_reserve_release", "site.forest_reserve", flag)


def agricultural_obligation(ctx: RuleContext) -> None:
    """Landbrugspligt -> ophævelse (landbrugsloven § 7); any industrial use needs it."""
    rule = ctx.rule("agricultural_obligation")
    site = ctx.facts.site
    flag = site.agricultural_obligation
    if flag:
        ctx.require("agricultural_obligation_release", rule.text("required"), rule.code)
    elif flag is None and site.zone == "byzone":
        ctx.assume("site.agricultural_obligation", rule.text("assumption_urban"), rule.code)
    elif flag is None:
        ctx.possible("agricultural_obligation_release", rule.text("possible"), rule.code)
        ctx.assume("site.agricultural_obligation", rule.text("assumption"), rule.code)


def road_access(ctx: RuleContext) -> None:
    """New or wider access to a public road -> vejmyndighedens tilladelse (vejloven § 49)."""
    _flag(ctx, "road_access", "new_road_access", ctx.facts.new_road_access)


def road_building_line(ctx: RuleContext) -> None:
    """Building in front of a vejbyggelinje -> vejmyndighedens tilladelse (vejloven § 40)."""
    flag = ctx.facts.site.road_building_line
    _site_flag(
        ctx, "road_building_line", "road_building_line_permit", "site.road_building_line", flag
    )


def soil_groundwater(ctx: RuleContext) -> None:
    """Soil reuse, infiltration, buried tanks -> MBL § 19 permit."""
    _flag(
        ctx,
        "soil_groundwater",
        "soil_or_groundwater_works",
        ctx.facts.soil_or_groundwater_works,
        hint=ctx.earthworks() is not False,
    )


def watercourse(ctx: RuleContext) -> None:
    """Works in a watercourse -> vandløbsloven; possible when a river line is near."""
    _flag(
        ctx,
        "watercourse",
        "watercourse_works",
        ctx.facts.watercourse_works,
        hint=bool(ctx.facts.site.near_protected_line),
    )


def seabed_works(ctx: RuleContext) -> None:
    """Works at sea or on the foreshore -> kystbeskyttelsesloven § 16 a; possible on the coast."""
    _flag(
        ctx,
        "seabed_works",
        "coastal_or_seabed_works",
        ctx.facts.coastal_or_seabed_works,
        hint=bool(ctx.facts.site.beach_protection_zone),
    )


def surplus_heat(ctx: RuleContext) -> None:
    """Surplus heat to district heating -> projektgodkendelse (varmeforsyningsloven § 4)."""
    rule = ctx.rule("surplus_heat")
    tech = ctx.facts.net_zero_technology
    _flag(
        ctx,
        "surplus_heat",
        "surplus_heat_delivery",
        ctx.facts.surplus_heat_delivery,
        hint=tech is not None and tech in rule.strings("heat_technologies"),
    )


def power_production(ctx: RuleContext) -> None:
    """On-site generation above 25 MW -> elproduktionsbevilling (elforsyningsloven § 10)."""
    rule = ctx.rule("power_production")
    limit = rule.number("licence_above_mw")
    mw = ctx.facts.onsite_generation_mw
    permit = "electricity_production_licence"
    if mw is not None:
        if mw > limit:
            text = rule.text("required", **numbers(mw=mw, limit=limit))
            ctx.require(permit, text, rule.code)
        return
    tech = ctx.facts.net_zero_technology
    if tech is not None and tech in rule.strings("generation_technologies"):
        ctx.possible(permit, rule.text("possible", **numbers(limit=limit)), rule.code)
    ctx.assume("onsite_generation_mw", rule.text("assumption"), rule.code)


def flammable_storage(ctx: RuleContext) -> None:
    """Flammable liquids or gases stored -> beredskabets tilladelse."""
    _flag(ctx, "flammable_storage", "flammable_storage", ctx.facts.flammable_storage)


def medicines(ctx: RuleContext) -> None:
    """Manufacturing of medicinal products -> fremstillertilladelse (lægemiddelloven § 39)."""
    _flag(
        ctx,
        "medicines",
        "pharmaceutical_manufacturing",
        ctx.facts.pharmaceutical_manufacturing,
        hint=False,
    )


def gmo(ctx: RuleContext) -> None:
    """Contained use of GMOs -> Arbejdstilsynet and Miljøstyrelsen approvals."""
    rule = ctx.rule("gmo")
    facts = ctx.facts
    tech = facts.net_zero_technology
    hint = bool(facts.pharmaceutical_manufacturing) or (
        tech is not None and tech in rule.strings("biotech_technologies")
    )
    _flag(ctx, "gmo", "gmo_contained_use", facts.gmo_contained_use, hint=hint)


def aviation(ctx: RuleContext) -> None:
    """A stack or building 100 m or taller -> luftfartshindring approved by Trafikstyrelsen."""
    rule = ctx.rule("aviation")
    limit = rule.number("obstacle_from_m")
    height = ctx.facts.stack_height_m
    if height is None:
        ctx.assume("stack_height_m", rule.text("assumption", **numbers(limit=limit)), rule.code)
    elif height >= limit:
        text = rule.text("required", **numbers(m=height, limit=limit))
        ctx.require("aviation_obstacle_approval", text, rule.code)
