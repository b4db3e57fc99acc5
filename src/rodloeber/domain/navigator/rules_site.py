"""Site navigator rules: Natura 2000, § 3, strandbeskyttelse, jordforurening,
arkæologi, vandindvinding og grundvandssænkning."""

from __future__ import annotations

from rodloeber.domain.navigator.context import RuleContext, numbers


def natura2000(ctx: RuleContext) -> None:
    """Site within/near Natura 2000 -> konsekvensvurdering (habitatbekendtgørelsen)."""
    rule = ctx.rule("natura2000")
    km = ctx.facts.site.natura2000_within_km
    if km is None:
        ctx.possible("natura2000_assessment", rule.text("possible"), rule.code)
        ctx.assume("site.natura2000_within_km", rule.text("assumption"), rule.code)
    elif km <= rule.number("required_within_km"):
        ctx.require("natura2000_assessment", rule.text("required", **numbers(km=km)), rule.code)
    elif km <= rule.number("possible_within_km"):
        ctx.possible(
            "natura2000_assessment", rule.text("possible_near", **numbers(km=km)), rule.code
        )


def _flag(ctx: RuleContext, rule_code: str, permit: str, fact: str, value: bool | None) -> None:
    rule = ctx.rule(rule_code)
    if value is True:
        ctx.require(permit, rule.text("required"), rule.code)
    elif value is None:
        ctx.possible(permit, rule.text("possible"), rule.code)
        ctx.assume(fact, rule.text("assumption"), rule.code)


def section3(ctx: RuleContext) -> None:
    """§ 3-natur on the site -> dispensation (naturbeskyttelsesloven § 65)."""
    site = ctx.facts.site
    _flag(
        ctx,
        "section3",
        "nature_dispensation",
        "site.section3_nature_on_site",
        site.section3_nature_on_site,
    )


def coastal(ctx: RuleContext) -> None:
    """Within strandbeskyttelse/klitfredning -> Kystdirektoratet dispensation."""
    site = ctx.facts.site
    _flag(
        ctx,
        "coastal",
        "coastal_dispensation",
        "site.beach_protection_zone",
        site.beach_protection_zone,
    )


def contaminated_land(ctx: RuleContext) -> None:
    """Mapped contamination (V1/V2) + building -> § 8-tilladelse."""
    rule = ctx.rule("contaminated_land")
    build, flag = ctx.building(), ctx.facts.site.contaminated_land
    if build is False or flag is False:
        return
    if flag is None:
        ctx.possible("contaminated_land_permit", rule.text("possible"), rule.code)
        ctx.assume("site.contaminated_land", rule.text("assumption"), rule.code)
    elif build:
        ctx.require("contaminated_land_permit", rule.text("required"), rule.code)
    else:
        ctx.possible("contaminated_land_permit", rule.text("required"), rule.code)


def archaeology(ctx: RuleContext) -> None:
    """Earthworks on a site of archaeological interest -> forundersøgelse."""
    rule = ctx.rule("archaeology")
    earth, flag = ctx.earthworks(), ctx.facts.site.archaeology_interest
    if earth is False or flag is False:
        return
    if flag is None:
        ctx.possible("archaeology", rule.text("possible"), rule.code)
        ctx.assume("site.archaeology_interest", rule.text("assumption"), rule.code)
    elif earth:
        ctx.require("archaeology", rule.text("required"), rule.code)
    else:
        ctx.possible("archaeology", rule.text("required"), rule.code)


def water(ctx: RuleContext) -> None:
    """Groundwater abstraction / dewatering -> vandforsyningsloven §§ 20, 26."""
    rule = ctx.rule("water")
    m3 = ctx.facts.water_abstraction_m3_per_year
    if m3 is not None and m3 > 0:
        text = rule.text("abstraction", **numbers(m3=m3))
        ctx.require("water_abstraction_permit", text, rule.code)
    elif m3 is None:
        ctx.possible("water_abstraction_permit", rule.text("abstraction_possible"), rule.code)
        ctx.assume("water_abstraction_m3_per_year", rule.text("assumption_abstraction"), rule.code)
    dewatering = ctx.facts.dewatering
    if dewatering:
        ctx.require("dewatering_permit", rule.text("dewatering"), rule.code)
    elif dewatering is None and ctx.building() is not False:
        ctx.possible("dewatering_permit", rule.text("dewatering_possible"), rule.code)
        ctx.assume("dewatering", rule.text("assumption_dewatering"), rule.code)
