"""Steps 3 to 5 of the check: activities and environment, investor, construction."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rodloeber.checks.questions import (
    CHOICE,
    EIA_CHOICES,
    INT,
    MULTI,
    NUMBER,
    TEXT,
    TONNES,
    WASTEWATER_CHOICES,
    YESNO,
    Question,
    Step,
)
from rodloeber.checks.steps_permits import WORKS_QUESTIONS

ACTIVITIES = Step(
    3,
    "aktiviteter",
    _("Activities and environment"),
    _("What the plant does and how it affects the environment."),
    (
        Question(
            "activities",
            "activities",
            MULTI,
            _("Listed activities that need an environmental approval"),
            _(
                "Activities in the Approval Order (godkendelsesbekendtgørelsen), annex 1 "
                "(industrial emissions) and annex 2. Tick all that apply."
            ),
            source="ied",
        ),
        Question(
            "regular_environmental_inspection",
            "regular_environmental_inspection",
            YESNO,
            _("Is the company subject to regular environmental inspection?"),
            _(
                "The one-stop-shop is only for production companies: companies that need an "
                "environmental approval or are subject to regular environmental inspection by "
                "the municipality or the Danish EPA (L 206, section 2, no. 2). Listed "
                "activities above already count."
            ),
        ),
        Question(
            "eia_annex",
            "eia_annex",
            CHOICE,
            _("Is the project on an annex of the Environmental Assessment Act?"),
            _("Annex 1 projects always need an environmental impact assessment (VVM)."),
            EIA_CHOICES,
        ),
        Question(
            "hazardous",
            "hazardous_substances",
            YESNO,
            _("Will dangerous substances be stored on the site?"),
            _(
                "Substances such as hydrogen, ammonia or methanol above certain amounts "
                "make the plant a risk establishment (Seveso)."
            ),
        ),
        Question(
            "hazardous_tonnes",
            "hazardous_substances",
            TONNES,
            _("Amounts of dangerous substances"),
            _("The most that will be on site at one time, in tonnes. Fill in only what applies."),
            source="seveso",
            unit=_("tonnes"),
        ),
        Question(
            "water_abstraction_m3_per_year",
            "water_abstraction_m3_per_year",
            NUMBER,
            _("Groundwater abstraction"),
            _("Cubic metres of groundwater per year. Write 0 if none."),
            unit=_("m³ per year"),
        ),
        Question(
            "dewatering",
            "dewatering",
            YESNO,
            _("Will the groundwater be lowered during construction?"),
            _("Temporary dewatering of building pits."),
        ),
        Question(
            "wastewater",
            "wastewater",
            CHOICE,
            _("Where does the process wastewater go?"),
            _("Wastewater from production, not from toilets and kitchens."),
            WASTEWATER_CHOICES,
        ),
        Question(
            "new_buildings_m2",
            "new_buildings_m2",
            NUMBER,
            _("New buildings"),
            _("Floor area of new buildings in square metres. Write 0 if none."),
            unit=_("m²"),
        ),
        Question(
            "ets_activities",
            "ets_activities",
            MULTI,
            _("Activities under the EU Emissions Trading System (EU ETS)"),
            _("These need a greenhouse gas permit. Tick all that apply."),
            source="ets",
        ),
        Question(
            "hydrogen_production_t_per_day",
            "hydrogen_production_t_per_day",
            NUMBER,
            _("Hydrogen production capacity"),
            _(
                "Tonnes of hydrogen or synthesis gas the plant can produce per day, e.g. 12.5. "
                "Above 5 tonnes per day the plant is covered by the EU ETS, electrolysis "
                "included. Write 0 if none."
            ),
            unit=_("tonnes per day"),
        ),
        Question(
            "co2_storage",
            "co2_storage",
            YESNO,
            _("Will the project store CO2 underground?"),
            _("Geological storage of carbon dioxide."),
        ),
        Question(
            "grid_connection_mw",
            "grid_connection_mw",
            NUMBER,
            _("Connection to the electricity grid"),
            _("The capacity you need from the grid in megawatts. Write 0 if none."),
            unit=_("MW"),
        ),
        Question(
            "hydrogen_installations",
            "hydrogen_installations",
            YESNO,
            _("Will there be hydrogen installations?"),
            _("E.g. electrolysers, hydrogen storage or pipelines on the site."),
        ),
        *WORKS_QUESTIONS,
    ),
)

INVESTOR = Step(
    4,
    "investor",
    _("Investor"),
    _("Foreign investments in sensitive sectors may need screening."),
    (
        Question(
            "foreign_investor",
            "foreign_investor",
            YESNO,
            _("Is a foreign investor behind the project?"),
            _("A company or person outside Denmark that owns or controls the project."),
        ),
        Question(
            "investor_country",
            "investor_country",
            TEXT,
            _("The investor's country"),
            _("Two-letter country code, e.g. DE for Germany. Leave it empty if you don't know."),
        ),
        Question(
            "sensitive_sector",
            "sensitive_sector",
            YESNO,
            _("Is the project in a particularly sensitive sector?"),
            _("E.g. energy, critical infrastructure, critical technology or defence."),
        ),
    ),
)

CONSTRUCTION = Step(
    5,
    "byggeri",
    _("Construction"),
    _("The construction phase decides whether the site must be notified to the authorities."),
    (
        Question(
            "construction_days",
            "construction.days",
            INT,
            _("Length of the construction period"),
            _("Calendar days from start of works to completion."),
            unit=_("days"),
        ),
        Question(
            "construction_peak_workers",
            "construction.peak_workers",
            INT,
            _("Most workers on the site at the same time"),
            _("Including subcontractors."),
            unit=_("workers"),
        ),
        Question(
            "construction_person_days",
            "construction.person_days",
            INT,
            _("Total work on the site"),
            _(
                "Person-days of work on the site in all, e.g. 40 workers for 50 days is 2000. "
                "More than 500 person-days means the site must be notified."
            ),
            unit=_("person-days"),
        ),
    ),
)
