"""Environmental navigator rules: listing, EIA, Seveso, wastewater, ETS.

Danish terms: miljøgodkendelse, VVM, risikobekendtgørelsen, spildevand, CO2-kvoter.
"""

from __future__ import annotations

from rodloeber.domain.catalogue import Text
from rodloeber.domain.legal_citations import legal_basis_en
from rodloeber.domain.navigator.context import RuleContext, numbers


def environmental_listing(ctx: RuleContext) -> None:
    """Listed activity (godkendelsesbekendtgørelsen bilag 1/2) -> miljøgodkendelse."""
    rule = ctx.rule("environmental_listing")
    acts = ctx.facts.activities
    if acts is None:
        ctx.possible("environmental_approval", rule.text("possible"), rule.code)
        ctx.assume("activities", rule.text("assumption"), rule.code)
        return
    if not acts:
        return
    parts = [rule.text("required", listings=", ".join(acts))]
    for code in acts:
        listing = ctx.catalogue.ied_listings.get(code)
        if listing is None:
            text = rule.text("unknown_listing", code=code)
            parts.append(text)
            ctx.assume("activities", text, rule.code)
        elif listing.state:
            parts.append(rule.text("state", code=code))
    why = Text(" ".join(p.da for p in parts), " ".join(p.en for p in parts))
    ctx.require("environmental_approval", why, rule.code)


def eia(ctx: RuleContext) -> None:
    """EIA annex (miljøvurderingsloven bilag 1/2) -> VVM-screening / § 25-tilladelse."""
    rule = ctx.rule("eia")
    annex = ctx.facts.eia_annex
    if annex == "annex1":
        ctx.require("eia_permit", rule.text("annex1"), rule.code)
    elif annex == "annex2":
        ctx.require("eia_screening", rule.text("annex2_screening"), rule.code)
        ctx.possible("eia_permit", rule.text("annex2_permit"), rule.code)
    elif annex is None:
        ctx.possible("eia_screening", rule.text("unknown"), rule.code)
        ctx.assume("eia_annex", rule.text("assumption"), rule.code)


def seveso(ctx: RuleContext) -> None:
    """Dangerous substances above kolonne 2/3 (sum rule) -> risikovurdering."""
    rule = ctx.rule("seveso")
    stocks = ctx.facts.hazardous_substances
    if stocks is None:
        ctx.possible("seveso_risk", rule.text("possible"), rule.code)
        ctx.assume("hazardous_substances", rule.text("assumption"), rule.code)
        return
    lower_ratio = upper_ratio = 0.0
    named: list[str] = []
    for stock in stocks:
        substance = ctx.catalogue.find_substance(stock.name)
        if substance is None:
            text = rule.text("unknown_substance", name=stock.name)
            ctx.possible("seveso_risk", text, rule.code)
            ctx.assume("hazardous_substances", text, rule.code)
            continue
        lower_ratio += stock.tonnes / substance.lower_tier_t
        upper_ratio += stock.tonnes / substance.upper_tier_t
        named.append(f"{substance.key} {stock.tonnes:g} t")
    listing = ", ".join(named)
    if upper_ratio >= 1.0:
        ctx.require("seveso_risk", rule.text("upper", substances=listing), rule.code, tier="upper")
    elif lower_ratio >= 1.0:
        ctx.require("seveso_risk", rule.text("lower", substances=listing), rule.code, tier="lower")


def wastewater(ctx: RuleContext) -> None:
    """Process wastewater -> udledningstilladelse (recipient) / tilslutningstilladelse (kloak)."""
    rule = ctx.rule("wastewater")
    target = ctx.facts.wastewater
    if target == "recipient":
        ctx.require("discharge_permit", rule.text("recipient"), rule.code)
    elif target == "sewer":
        ctx.require("sewer_connection_permit", rule.text("sewer"), rule.code)
    elif target is None:
        ctx.possible("sewer_connection_permit", rule.text("possible"), rule.code)
        ctx.assume("wastewater", rule.text("assumption"), rule.code)


def ets_by_quantity(ctx: RuleContext) -> list[str]:
    """ETS activities derived from quantity facts above their catalogue threshold
    (e.g. hydrogen production over 5 t/day, Dir. 2003/87/EC Annex I)."""
    found = []
    for act in ctx.catalogue.ets_activities.values():
        if act.threshold is None or act.threshold_fact is None:
            continue
        value = getattr(ctx.facts, act.threshold_fact, None)
        if isinstance(value, int | float) and value > act.threshold:
            found.append(act.key)
    return found


def ets(ctx: RuleContext) -> None:
    """EU ETS Annex I activity (ticked, or derived from a quantity) -> drivhusgastilladelse."""
    rule = ctx.rule("ets")
    activities = ctx.facts.ets_activities
    derived = [a for a in ets_by_quantity(ctx) if a not in (activities or ())]
    if activities or derived:
        names = [ctx.catalogue.ets_activities[a] for a in (*(activities or ()), *derived)]
        da = [rule.text("required", activities="; ".join(n.name_da for n in names)).da]
        en = [rule.text("required", activities="; ".join(n.name_en for n in names)).en]
        for key in derived:
            act = ctx.catalogue.ets_activities[key]
            value = float(getattr(ctx.facts, str(act.threshold_fact)))
            args = {
                **numbers(value=value, threshold=float(act.threshold or 0)),
                "unit_da": act.threshold_unit_da,
                "unit_en": act.threshold_unit_en,
            }
            da.append(rule.text("by_quantity", **args, legal_basis=act.legal_basis).da)
            english_basis = legal_basis_en(act.legal_basis)
            en.append(rule.text("by_quantity", **args, legal_basis=english_basis).en)
        why = Text(" ".join(da), " ".join(en))
        confirmed = any(n.verified for n in names)
        ctx.require("ets_permit", why, rule.code, verified=confirmed)
        return
    if activities is not None:
        return
    for code in ctx.facts.activities or ():
        listing = ctx.catalogue.ied_listings.get(code)
        if listing is not None and listing.ets_relevant:
            ctx.possible("ets_permit", rule.text("possible", code=code), rule.code)
            ctx.assume("ets_activities", rule.text("assumption"), rule.code)
            return
