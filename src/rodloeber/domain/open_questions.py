"""Open legal questions (åbne juridiske spørgsmål): every catalogue rule still
marked unverified, what it decides and the consequence if it is wrong.

Case managers read this list (page ``/tjek/regler/aabne-spoergsmaal`` and its
CSV). ``decides`` says whether the rule can decide a cap or eligibility on its
own; the engines make sure none does (an unverified cap regime is only shown
as "may be shorter"), and a test keeps this list honest.
"""

from __future__ import annotations

from dataclasses import dataclass

from rodloeber.domain.catalogue import Catalogue, Text
from rodloeber.domain.coordination import Coordination
from rodloeber.domain.legal_citations import legal_basis_en

__all__ = ["ESTIMATE", "RULE", "OpenQuestion", "open_questions", "rule_marks"]

RULE = "rule"
ESTIMATE = "estimate"


@dataclass(frozen=True)
class OpenQuestion:
    """One unverified rule: where it is, what it decides, the consequence if wrong."""

    file: str
    code: str
    title: Text
    decides: Text
    consequence: Text
    source_note: str
    decides_cap_or_eligibility: bool
    #: ``rule``: a rule mark (counted; may never decide alone). ``estimate``: a
    #: planning estimate or detail (durations, savings, appeal details).
    kind: str = RULE

    def row(self, language: str) -> dict[str, str]:
        """A flat row for the page and the CSV, in ``language`` (da/en)."""
        en = language == "en"
        return {
            "file": self.file,
            "code": self.code,
            "title": self.title.en if en else self.title.da,
            "decides": self.decides.en if en else self.decides.da,
            "consequence": self.consequence.en if en else self.consequence.da,
            "source_note": self.source_note,
            "kind": self.kind,
        }


CAP_DECIDES = Text(
    "Sagsbehandlingsfristen: vises kun som »kan være kortere«, afgør ikke fristen.",
    "The time cap: only shown as 'may be shorter', never decides the cap.",
)
CAP_WRONG = Text(
    "Hvis reglen bekræftes, kan fristen blive kortere; én rettelse i caps.yaml (verified: true).",
    "If confirmed, the cap may become shorter; one edit in caps.yaml (verified: true).",
)
CLOCK_DECIDES = Text(
    "Vejledningstekst om, hvilke perioder der ikke tæller med i fristen.",
    "Guidance text on which periods do not count toward the cap.",
)
CLOCK_WRONG = Text(
    "Fristberegningen i planen kan blive for lang eller for kort.",
    "The cap date in the plan may be too late or too early.",
)
ETS_DECIDES = Text(
    "Om drivhusgastilladelsen (CO2-kvoteloven) vises som nødvendig.",
    "Whether the greenhouse gas permit (EU ETS) is shown as needed.",
)
ETS_WRONG = Text(
    "En kvotetilladelse kan mangle eller vises unødigt. Den tæller kun som »kan gælde« i "
    "kriterium B2, aldrig som sikker, før reglen er bekræftet.",
    "An ETS permit may be missing or shown needlessly. It only counts as 'may apply' in "
    "criterion B2, never as certain, until the rule is confirmed.",
)
IED_DECIDES = Text(
    "Om aktiviteten står på bilag 1/2 og dermed kræver miljøgodkendelse (forudsætningen "
    "produktionsvirksomhed).",
    "Whether the activity is on annex 1/2 and so needs an environmental approval (the "
    "production-company precondition).",
)
IED_WRONG = Text(
    "Forudsætningen vises kun som »kan gælde« (muligvis berettiget), aldrig som opfyldt på "
    "dette listepunkt alene.",
    "The precondition is only shown as 'may apply' (possibly eligible), never met on this "
    "listing alone.",
)
IED_STATE_DECIDES = Text(
    "Om Miljøstyrelsen (mærket (s)) eller kommunen godkender, dvs. godkendelsens myndighedsniveau "
    "i kriterium B2.",
    "Whether the Danish Environmental Protection Agency (marked (s)) or the municipality "
    "approves, i.e. the approval's authority level in criterion B2.",
)
IED_STATE_WRONG = Text(
    "Godkendelsen tæller kun som »kan gælde« i kriterium B2; bekræftes mærket, kan B2 blive "
    "opfyldt (én rettelse: state_verified: true).",
    "The approval only counts as 'may apply' in criterion B2; once the mark is confirmed, B2 "
    "may become met (one edit: state_verified: true).",
)
PERMIT_DECIDES = Text(
    "Reglen: om tilladelsen er nødvendig, hvem der afgør (stat/kommune), og hjemlen.",
    "The rule: whether the permit is needed, who decides (state/municipality), and the "
    "legal basis.",
)
PERMIT_WRONG = Text(
    "Tilladelsen vises, men tæller kun som »kan gælde« i kriterium B2 (højst muligvis "
    "berettiget); én rettelse i permit_types.yaml (verified: true) gør den afgørende.",
    "The permit is shown but only counts as 'may apply' in criterion B2 (at most possibly "
    "eligible); one edit in permit_types.yaml (verified: true) makes it decide.",
)
DETAILS_DECIDES = Text(
    "Tilladelsens detaljer: servicemål, klageinstans og -frist, milepæle (planlægning).",
    "The permit's details: service target, appeal body and period, milestones (planning).",
)
DETAILS_WRONG = Text(
    "Procesplanen og klageoplysningerne kan være forkerte; ingen frist eller berettigelse "
    "afhænger af dem.",
    "The process plan and appeal details may be wrong; no cap or eligibility depends on them.",
)
NAVIGATOR_DECIDES = Text(
    "Om navigatoren viser tilladelsen som nødvendig eller mulig (vores læsning af reglen).",
    "Whether the navigator shows the permit as needed or possible (our reading of the rule).",
)
NAVIGATOR_WRONG = Text(
    "Tilladelsen kan mangle eller vises unødigt; den tæller ikke som sikker i kriterium B2, "
    "fordi tilladelsestypen selv ikke er bekræftet eller ikke er statslig/kommunal.",
    "The permit may be missing or shown needlessly; it does not count as certain in criterion "
    "B2, as the permit type itself is not confirmed or is not state/municipal.",
)
OPEN_RULE_DECIDES = Text(
    "En undtagelse, der kan ændre svaret om adgang til Én indgang; vises kun som »kan gælde«.",
    "An exception that may change the eligibility answer; only shown as 'may apply'.",
)
OPEN_RULE_WRONG = Text(
    "Svaret om produktionsvirksomhed kan være forkert for nogle virksomhedstyper; sagen "
    "afklarer det. Bekræftes reglen, skal den indføres som forudsætning.",
    "The production-company answer may be wrong for some kinds of company; the case settles "
    "it. Once confirmed, the rule must be added as a precondition.",
)
SEVESO_DECIDES = Text(
    "Tærskler for risikovirksomheder (risikobekendtgørelsen).",
    "Thresholds for risk establishments (Seveso).",
)
SEVESO_WRONG = Text(
    "En risikovurdering kan mangle eller vises unødigt.",
    "A Seveso risk assessment may be missing or shown needlessly.",
)
PROCEDURE_DECIDES = Text(
    "Om procesplanen lader to procedurer løbe samordnet (samtidigt).",
    "Whether the process plan runs two procedures in a coordinated way (in parallel).",
)
PROCEDURE_WRONG = Text(
    "Planen kan være for optimistisk eller for forsigtig; ingen frist eller berettigelse "
    "afhænger af den.",
    "The plan may be too optimistic or too cautious; no cap or eligibility depends on it.",
)
EXCLUSION_DECIDES = Text(
    "En periode, der måske ikke tæller med i fristen: vises kun som »kan være undtaget«, "
    "flytter ikke fristen.",
    "A period that may not count toward the cap: only shown as 'may be excluded', never moves "
    "the cap date.",
)
EXCLUSION_WRONG = Text(
    "Hvis reglen bekræftes, flyttes fristdatoen med den undtagne tid; én rettelse i "
    "coordination.yaml (verified: true).",
    "If confirmed, the cap date moves by the excluded time; one edit in coordination.yaml "
    "(verified: true).",
)
MEASURE_DECIDES = Text(
    "Hvilke tiltag planen foreslår for at nå fristen, og hvor meget de sparer.",
    "Which measures the plan suggests to meet the cap, and how much they save.",
)
MEASURE_WRONG = Text(
    "Et foreslået tiltag kan spare mindre end angivet eller ikke være muligt i sagen.",
    "A suggested measure may save less than stated or not be available in the case.",
)
GUIDANCE_DECIDES = Text("Vejledningstekst om EU-regler.", "Guidance text on EU rules.")
GUIDANCE_WRONG = Text(
    "Virksomheden kan få en upræcis vejledning; ingen afgørelse afhænger af teksten.",
    "The company may get imprecise guidance; no decision depends on the text.",
)


def open_questions(
    cat: Catalogue, coordination: Coordination | None = None
) -> tuple[OpenQuestion, ...]:
    """Every catalogue entry marked ``verified: false`` (and every unconfirmed
    (s) mark or permit detail), grouped by file.

    ``kind`` separates rule marks (what is needed, who decides, thresholds,
    clock exclusions) from planning estimates and details (permit details,
    coordinated procedures, measures), which never decide a cap or
    eligibility. ``coordination`` (``coordination.yaml``) is listed too when
    given.
    """
    out: list[OpenQuestion] = []
    if not cat.simple_case.verified:
        out.append(
            OpenQuestion(
                "caps.yaml",
                "simple_case",
                Text("Definition af en enkel sag (L 206)", 'Definition of a "simple case" (L 206)'),
                CAP_DECIDES,
                CAP_WRONG,
                cat.simple_case.source_note,
                False,
            )
        )
    for r in cat.cap_regimes:
        if not r.verified:
            title = Text(r.label_da, r.label_en)
            out.append(
                OpenQuestion(
                    "caps.yaml", r.code, title, CAP_DECIDES, CAP_WRONG, r.source_note, False
                )
            )
    for c in cat.clock_rules:
        if not c.verified:
            title = Text(c.text_da, c.text_en)
            out.append(
                OpenQuestion("caps.yaml", c.code, title, CLOCK_DECIDES, CLOCK_WRONG, "", False)
            )
    for a in cat.ets_activities.values():
        if not a.verified:
            title = Text(a.name_da, a.name_en)
            out.append(
                OpenQuestion("ets.yaml", a.key, title, ETS_DECIDES, ETS_WRONG, a.source_note, False)
            )
    for code, listing in cat.ied_listings.items():
        title = Text(listing.text_da, listing.text_en)
        note = listing.source_note
        if not listing.verified:
            out.append(
                OpenQuestion("ied_listings.yaml", code, title, IED_DECIDES, IED_WRONG, note, False)
            )
        if not listing.state_verified:
            mark = Text(f"(s)-mærke: {listing.text_da}", f"(s) mark: {listing.text_en}")
            out.append(
                OpenQuestion(
                    "ied_listings.yaml",
                    f"{code} (s)",
                    mark,
                    IED_STATE_DECIDES,
                    IED_STATE_WRONG,
                    note,
                    False,
                )
            )
    for p in cat.permit_types.values():
        title = Text(p.name_da, p.name_en)
        if not p.verified:
            out.append(
                OpenQuestion(
                    "permit_types.yaml",
                    p.code,
                    title,
                    PERMIT_DECIDES,
                    PERMIT_WRONG,
                    p.source_note,
                    False,
                )
            )
        if not p.details_verified:
            out.append(
                OpenQuestion(
                    "permit_types.yaml",
                    f"{p.code} (details)",
                    title,
                    DETAILS_DECIDES,
                    DETAILS_WRONG,
                    p.source_note,
                    False,
                    ESTIMATE,
                )
            )
    for nav in cat.navigator_rules.values():
        # Navigator rules carry no verified flag by default; an open one is
        # marked "verified: false" with a [?] source note in navigator_rules.yaml.
        if not nav.verified and "[?]" in nav.source_note:
            title = Text(nav.legal_basis, legal_basis_en(nav.legal_basis))
            out.append(
                OpenQuestion(
                    "navigator_rules.yaml",
                    nav.code,
                    title,
                    NAVIGATOR_DECIDES,
                    NAVIGATOR_WRONG,
                    nav.source_note,
                    False,
                )
            )
    for open_rule in cat.eligibility_open_rules.values():
        if not open_rule.verified:
            title = Text(open_rule.name_da, open_rule.name_en)
            out.append(
                OpenQuestion(
                    "eligibility.yaml",
                    open_rule.code,
                    title,
                    OPEN_RULE_DECIDES,
                    OPEN_RULE_WRONG,
                    open_rule.source_note,
                    False,
                )
            )
    for s in cat.seveso_substances.values():
        if not s.verified:
            title = Text(s.name_da, s.name_en)
            note = s.source_note
            out.append(
                OpenQuestion("seveso.yaml", s.key, title, SEVESO_DECIDES, SEVESO_WRONG, note, False)
            )
    for g in cat.eu_guidance.values():
        if not g.verified:
            title = Text(g.title_da, g.title_en)
            out.append(
                OpenQuestion(
                    "eu_guidance.yaml", g.key, title, GUIDANCE_DECIDES, GUIDANCE_WRONG, "", False
                )
            )
    if coordination is not None:
        out.extend(_coordination_questions(coordination))
    return tuple(out)


def rule_marks(questions: tuple[OpenQuestion, ...]) -> tuple[OpenQuestion, ...]:
    """The rule marks (counted against the goal of at most 40; ADR 0032)."""
    return tuple(q for q in questions if q.kind == RULE)


def _coordination_questions(co: Coordination) -> list[OpenQuestion]:
    file = "coordination.yaml"
    out = [
        OpenQuestion(
            file,
            p.code,
            Text(p.label_da, p.label_en),
            PROCEDURE_DECIDES,
            PROCEDURE_WRONG,
            p.source_note,
            False,
            ESTIMATE,
        )
        for p in co.procedures
        if not p.verified
    ]
    out.extend(
        OpenQuestion(
            file,
            e.code,
            Text(e.legal_basis, legal_basis_en(e.legal_basis)),
            EXCLUSION_DECIDES,
            EXCLUSION_WRONG,
            e.source_note,
            False,
        )
        for e in co.clock_exclusions
        if not e.verified
    )
    out.extend(
        OpenQuestion(
            file,
            m.code,
            Text(m.label_da, m.label_en),
            MEASURE_DECIDES,
            MEASURE_WRONG,
            m.source_note,
            False,
            ESTIMATE,
        )
        for m in co.measures
        if not m.verified
    )
    return out
