"""Planning navigator rules: landzone, lokalplan, kommuneplantillæg, byggetilladelse."""

from __future__ import annotations

from rodloeber.domain.navigator.context import RuleContext, numbers


def rural_zone(ctx: RuleContext) -> None:
    """Landzone + building or change of use -> landzonetilladelse (planloven § 35),
    or - when a new lokalplan is needed anyway - its alternative."""
    rule = ctx.rule("rural_zone")
    site, build = ctx.facts.site, ctx.building()
    if build is False:
        return
    if site.zone is None:
        ctx.possible("rural_zone_permit", rule.text("possible_zone"), rule.code)
        ctx.assume("site.zone", rule.text("assumption_zone"), rule.code)
        return
    if site.zone != "landzone" or site.local_plan_bonus_effect:
        return
    if site.local_plan_allows_use is False:
        # A new lokalplan normally moves the site to byzone (planloven § 45) or has
        # bonus effect (§ 15, stk. 4): the rural zone permit is the alternative,
        # not a further step.
        ctx.possible(
            "rural_zone_permit", rule.text("alternative"), rule.code, alternative_to="local_plan"
        )
    elif site.local_plan_allows_use and site.local_plan_bonus_effect is None:
        ctx.possible("rural_zone_permit", rule.text("possible_bonus"), rule.code)
        ctx.assume("site.local_plan_bonus_effect", rule.text("assumption_bonus"), rule.code)
    elif build:
        ctx.require("rural_zone_permit", rule.text("required"), rule.code)
    else:
        ctx.possible("rural_zone_permit", rule.text("required"), rule.code)


def planning(ctx: RuleContext) -> None:
    """No lokalplan allowing the use -> lokalplan (+ kommuneplantillæg)."""
    rule = ctx.rule("planning")
    site = ctx.facts.site
    if site.local_plan_allows_use is True:
        return
    if site.local_plan_allows_use is False:
        ctx.require("local_plan", rule.text("local_required"), rule.code)
        certain = True
    else:
        ctx.possible("local_plan", rule.text("local_possible"), rule.code)
        ctx.assume("site.local_plan_allows_use", rule.text("assumption_local"), rule.code)
        certain = False
    if site.municipal_plan_allows_use is False:
        text = rule.text("municipal_required")
        if certain:
            ctx.require("municipal_plan_supplement", text, rule.code)
        else:
            ctx.possible("municipal_plan_supplement", text, rule.code)
    elif site.municipal_plan_allows_use is None:
        ctx.possible("municipal_plan_supplement", rule.text("municipal_possible"), rule.code)
        ctx.assume("site.municipal_plan_allows_use", rule.text("assumption_municipal"), rule.code)


def building(ctx: RuleContext) -> None:
    """New buildings -> byggetilladelse (byggeloven § 16)."""
    rule = ctx.rule("building")
    m2 = ctx.facts.new_buildings_m2
    if m2 is not None and m2 > 0:
        ctx.require("building_permit", rule.text("required", **numbers(m2=m2)), rule.code)
    elif m2 is None:
        ctx.possible("building_permit", rule.text("possible"), rule.code)
        ctx.assume("new_buildings_m2", rule.text("assumption"), rule.code)
    elif ctx.facts.kind == "conversion":
        ctx.possible("building_permit", rule.text("possible_conversion"), rule.code)
