"""The steps of the check (trin): project and site here, the rest in steps_environment."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rodloeber.checks.questions import (
    CHOICE,
    CRMA_STAGE_CHOICES,
    INT,
    KIND_CHOICES,
    MULTI,
    NUMBER,
    POINT,
    SELECT,
    TEXT,
    TONNES,
    YESNO,
    ZONE_CHOICES,
    Question,
    Step,
)
from rodloeber.checks.steps_environment import ACTIVITIES, CONSTRUCTION, INVESTOR
from rodloeber.checks.steps_permits import SITE_QUESTIONS

PROJECT = Step(
    1,
    "projekt",
    _("Project"),
    _("What the project is, what it costs and whether it makes net-zero technology."),
    (
        Question(
            "title",
            "title",
            TEXT,
            _("Project name"),
            _("A short name you will recognise, e.g. “Electrolyser factory Esbjerg”. Optional."),
        ),
        Question(
            "kind",
            "kind",
            CHOICE,
            _("What kind of project is it?"),
            _("Establishing a new production plant, expanding one, or converting it."),
            KIND_CHOICES,
        ),
        Question(
            "investment_dkk",
            "investment_dkk",
            INT,
            _("Planned investment"),
            _(
                "The total investment in the production plant in Danish kroner, e.g. "
                "150000000. One way into the one-stop-shop is at least DKK 100 million."
            ),
            unit=_("DKK"),
        ),
        Question(
            "net_zero_technology",
            "net_zero_technology",
            SELECT,
            _("Net-zero technology"),
            _(
                "Does the plant manufacture a net-zero technology listed in the EU Net-Zero "
                "Industry Act (NZIA), Article 4? Choose “None of these” if not."
            ),
            source="nzia",
        ),
        Question(
            "nzia_strategic",
            "nzia_strategic",
            YESNO,
            _("Is it a strategic net-zero project?"),
            _("Recognised, or applying to be recognised, under NZIA Articles 13 to 16."),
        ),
        Question(
            "crma_strategic",
            "crma_strategic",
            YESNO,
            _("Is it a strategic project under the Critical Raw Materials Act (CRMA)?"),
            _("Recognised by the European Commission under CRMA Articles 6 and 7."),
        ),
        Question(
            "crma_already_in_permitting",
            "crma_already_in_permitting",
            YESNO,
            _("Was the project already in the permit-granting process when it was recognised?"),
            _(
                "Only for strategic projects under the CRMA. If the permit-granting process had "
                "started before the Commission recognised the project, CRMA Article 11(2) gives "
                "shorter time limits."
            ),
        ),
        Question(
            "crma_extension_of_permitted",
            "crma_extension_of_permitted",
            YESNO,
            _("Does the expansion extend a strategic project that already holds a permit?"),
            _(
                "Only for an expansion of a strategic project under the CRMA. CRMA Article 11(2) "
                "also gives the shorter time limits to extensions of existing strategic projects "
                "that already hold a permit. A new plant is never one."
            ),
            shown_if=(("kind", ("expansion",)), ("crma_strategic", ("yes", "unknown"))),
        ),
        Question(
            "crma_stage",
            "crma_stage",
            CHOICE,
            _("Critical raw materials: which stage of the value chain?"),
            _("Only for projects on critical raw materials."),
            CRMA_STAGE_CHOICES,
        ),
        Question(
            "crma_materials",
            "crma_materials",
            MULTI,
            _("Which raw materials?"),
            _(
                "The raw materials the project extracts, processes or recycles. Only materials "
                "on the Critical Raw Materials Act lists count: Annex I (strategic) and "
                "Annex II (critical). Tick all that apply."
            ),
            source="crma",
        ),
        Question(
            "capacity_gw_per_year",
            "capacity_gw_per_year",
            NUMBER,
            _("Manufacturing capacity"),
            _(
                "Gigawatts of equipment made per year, e.g. 1,5. Leave it empty if the "
                "capacity is not measured in GW. It decides which NZIA time cap applies."
            ),
            unit=_("GW per year"),
        ),
    ),
)

SITE = Step(
    2,
    "grund",
    _("Site"),
    _(
        "Where the plant will be and what the land is like. Choose the municipality, "
        "write the address or click on the map."
    ),
    (
        Question(
            "kommune",
            "site.kommune_kode",
            SELECT,
            _("Municipality"),
            _("The municipality where the site lies."),
            source="kommuner",
        ),
        Question(
            "site_address",
            "",
            TEXT,
            _("Address"),
            _(
                "Kept as text. This service has no address lookup, so we only recognise a "
                "municipality name written in the address, e.g. “Industrivej 1, 6700 Esbjerg”."
            ),
        ),
        Question(
            "site_point",
            "site.point",
            POINT,
            _("Point on the map"),
            _(
                "Click on the map to mark the site; we find the municipality from the point. "
                "The map needs JavaScript; you can choose the municipality in the list instead."
            ),
        ),
        Question(
            "zone",
            "site.zone",
            CHOICE,
            _("Planning zone"),
            _("The zone under the Planning Act. The municipality's plan map shows it."),
            ZONE_CHOICES,
        ),
        Question(
            "in_industrial_park",
            "site.in_industrial_park",
            YESNO,
            _("Will the company settle in a designated industrial park?"),
            _("A state-designated or municipal industrial park. This is one way in."),
        ),
        Question(
            "local_plan_allows_use",
            "site.local_plan_allows_use",
            YESNO,
            _("Does an adopted local plan allow the use?"),
            _("A local plan (lokalplan) that allows this kind of production on the site."),
        ),
        Question(
            "local_plan_bonus_effect",
            "site.local_plan_bonus_effect",
            YESNO,
            _("Does the local plan replace the rural zone permit (bonus effect)?"),
            _("Only relevant in a rural zone."),
        ),
        Question(
            "municipal_plan_allows_use",
            "site.municipal_plan_allows_use",
            YESNO,
            _("Does the municipal plan allow the use?"),
            _("The framework of the municipal plan (kommuneplan) for the area."),
        ),
        Question(
            "natura2000_within_km",
            "site.natura2000_within_km",
            NUMBER,
            _("Distance to the nearest Natura 2000 site"),
            _("Projects near a Natura 2000 site need an assessment of their effect on it."),
            unit=_("km"),
        ),
        Question(
            "section3_nature_on_site",
            "site.section3_nature_on_site",
            YESNO,
            _("Is there protected nature (§ 3) on the site?"),
            _("Lakes, bogs, meadows, heaths and the like, protected by the Nature Protection Act."),
        ),
        Question(
            "beach_protection_zone",
            "site.beach_protection_zone",
            YESNO,
            _("Is the site inside the beach or dune protection zone?"),
            _("Normally up to 300 metres from the coast."),
        ),
        Question(
            "contaminated_land",
            "site.contaminated_land",
            YESNO,
            _("Is the site mapped as contaminated land (V1 or V2)?"),
            _("The region maps soil contamination."),
        ),
        Question(
            "archaeology_interest",
            "site.archaeology_interest",
            YESNO,
            _("Is the site of archaeological interest?"),
            _("The local museum knows; earthworks may need a pre-investigation."),
        ),
        *SITE_QUESTIONS,
    ),
)

STEPS: tuple[Step, ...] = (PROJECT, SITE, ACTIVITIES, INVESTOR, CONSTRUCTION)
QUESTIONS: dict[str, Question] = {q.name: q for s in STEPS for q in s.questions}


def step(number: int) -> Step | None:
    """The step with ``number`` (1-based) or None."""
    return STEPS[number - 1] if 1 <= number <= len(STEPS) else None


def field_for_path(path: str) -> str | None:
    """The question (form field name) a ProjectFacts error path belongs to."""
    best: Question | None = None
    for q in QUESTIONS.values():
        if not q.path or q.kind == TONNES:
            continue
        if (path == q.path or path.startswith(q.path + ".")) and (
            best is None or len(q.path) > len(best.path)
        ):
            best = q
    return best.name if best else None
