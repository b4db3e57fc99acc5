"""Project navigator rules: byggepladsanmeldelse, nettilslutning, brint, CO2-lagring,
investeringsscreening."""

from __future__ import annotations

from rodloeber.domain.catalogue import Text
from rodloeber.domain.navigator.context import RuleContext, numbers


def site_notification(ctx: RuleContext) -> None:
    """> 30 days with >= 20 workers, or > 500 person-days -> byggepladsanmeldelse."""
    rule = ctx.rule("site_notification")
    works = ctx.facts.construction
    min_days, min_workers = rule.number("min_days"), rule.number("min_workers")
    person_limit = rule.number("person_days")
    days = works.days if works else None
    workers = works.peak_workers if works else None
    person_days = works.person_days if works else None
    if (
        days is not None and workers is not None and days > min_days and workers >= min_workers
    ) or (person_days is not None and person_days > person_limit):
        text = rule.text("required", days=days or "?", workers=workers or "?")
        ctx.require("site_notification", text, rule.code)
        return
    if days is not None and workers is not None:
        if person_days is None and days * workers > person_limit:
            text = rule.text("possible_person_days", person_days=f"{person_limit:g}")
            ctx.possible("site_notification", text, rule.code)
        return
    if person_days is None and ctx.building() is not False:
        ctx.possible("site_notification", rule.text("possible"), rule.code)
        ctx.assume("construction", rule.text("assumption"), rule.code)


def grid(ctx: RuleContext) -> None:
    """Grid connection need -> nettilslutningsaftale (company milestone)."""
    rule = ctx.rule("grid")
    mw = ctx.facts.grid_connection_mw
    if mw is not None and mw > 0:
        ctx.require("grid_connection", rule.text("required", **numbers(mw=mw)), rule.code)
    elif mw is None:
        ctx.possible("grid_connection", rule.text("possible"), rule.code)
        ctx.assume("grid_connection_mw", rule.text("assumption"), rule.code)


def hydrogen(ctx: RuleContext) -> None:
    """Hydrogen installations -> Sikkerhedsstyrelsen safety approval."""
    rule = ctx.rule("hydrogen")
    flag = ctx.facts.hydrogen_installations
    if flag:
        ctx.require("hydrogen_gas_safety", rule.text("required"), rule.code)
        return
    if flag is False:
        return
    tech = ctx.facts.net_zero_technology
    stocks = ctx.facts.hazardous_substances or ()
    reason = ""
    if tech is not None and tech in rule.strings("hydrogen_technologies"):
        reason = tech
    elif any(
        (s := ctx.catalogue.find_substance(h.name)) is not None and s.key == "hydrogen"
        for h in stocks
    ):
        reason = "hydrogen"
    if reason:
        ctx.possible("hydrogen_gas_safety", rule.text("possible", reason=reason), rule.code)
        ctx.assume("hydrogen_installations", rule.text("assumption"), rule.code)


def co2_storage(ctx: RuleContext) -> None:
    """Geological CO2 storage -> lagringstilladelse (undergrundsloven)."""
    rule = ctx.rule("co2_storage")
    flag = ctx.facts.co2_storage
    if flag:
        ctx.require("co2_storage_permit", rule.text("required"), rule.code)
    elif flag is None and ctx.facts.net_zero_technology in rule.strings("ccs_technologies"):
        ctx.possible("co2_storage_permit", rule.text("possible"), rule.code)
        ctx.assume("co2_storage", rule.text("assumption"), rule.code)


def raw_materials(ctx: RuleContext) -> None:
    """Extraction of raw materials -> råstoftilladelse from the region (råstofloven § 7)."""
    rule = ctx.rule("raw_materials")
    if ctx.facts.crma_stage == "extraction":
        ctx.require("raw_material_extraction_permit", rule.text("required"), rule.code)


def fdi(ctx: RuleContext) -> None:
    """Foreign investor in a sensitive sector -> investeringsscreening."""
    rule = ctx.rule("fdi")
    facts = ctx.facts
    if facts.foreign_investor is False:
        return
    if facts.foreign_investor is None:
        ctx.possible("fdi_screening", rule.text("possible_unknown"), rule.code)
        ctx.assume("foreign_investor", rule.text("assumption"), rule.code)
        return
    country = facts.investor_country or "?"
    sensitive = facts.sensitive_sector
    tech = facts.net_zero_technology
    if sensitive is None:
        sensitive = tech is not None and tech in rule.strings("sensitive_technologies")
        ctx.assume("sensitive_sector", rule.text("assumption_sector"), rule.code)
    if sensitive:
        known = ctx.catalogue.nzia_technologies.get(tech or "")
        text = Text(
            rule.text("required", country=country, sector=known.name_da if known else "oplyst").da,
            rule.text("required", country=country, sector=known.name_en if known else "stated").en,
        )
        ctx.require("fdi_screening", text, rule.code)
    else:
        ctx.possible("fdi_screening", rule.text("possible", country=country), rule.code)
