"""Questions for the permits added in issue #15 item 7 (trigger facts).

Site questions (protection lines, fredskov, landbrugspligt) join step 2; works,
energy, life-science and height questions join step 3. Each one fills one
ProjectFacts field; "don't know" leaves it unknown, and the navigator then shows
the permit as possible or states what it assumed.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from rodloeber.checks.questions import NUMBER, YESNO, Question

SITE_QUESTIONS: tuple[Question, ...] = (
    Question(
        "near_protected_line",
        "site.near_protected_line",
        YESNO,
        _("Is the site within a lake, river, forest, ancient monument or church protection line?"),
        _(
            "The Nature Protection Act, sections 16-19: 150 m from larger lakes and listed "
            "rivers, 300 m from forests, 100 m from ancient monuments and 300 m from churches. "
            "The municipality's map shows the lines."
        ),
    ),
    Question(
        "forest_reserve",
        "site.forest_reserve",
        YESNO,
        _("Is any of the site protected forest (fredskov)?"),
        _("The land register (matriklen) shows forest reserve obligations under the Forest Act."),
    ),
    Question(
        "agricultural_obligation",
        "site.agricultural_obligation",
        YESNO,
        _("Is the site farmland with an agricultural obligation (landbrugspligt)?"),
        _("The land register marks such land with L or B. Land in an urban zone rarely has it."),
    ),
    Question(
        "road_building_line",
        "site.road_building_line",
        YESNO,
        _("Will anything be built in front of a road building line?"),
        _(
            "Road building lines reserve land along roads for widening (Roads Act, section 40). "
            "The land register and the local plan show them."
        ),
    ),
)

WORKS_QUESTIONS: tuple[Question, ...] = (
    Question(
        "new_road_access",
        "new_road_access",
        YESNO,
        _("Will the site need a new or wider access to a public road?"),
        _("New driveways and accesses need the road authority's permit (Roads Act, section 49)."),
    ),
    Question(
        "soil_or_groundwater_works",
        "soil_or_groundwater_works",
        YESNO,
        _("Will soil, residues or water be placed in or led into the ground, or tanks buried?"),
        _(
            "E.g. reuse of excavated soil, infiltration of process or surface water, or buried "
            "tanks (Environmental Protection Act, section 19)."
        ),
    ),
    Question(
        "watercourse_works",
        "watercourse_works",
        YESNO,
        _("Will there be works in or at a stream, ditch or watercourse?"),
        _("E.g. a crossing, culvert, bridge or outlet structure (Watercourse Act)."),
    ),
    Question(
        "coastal_or_seabed_works",
        "coastal_or_seabed_works",
        YESNO,
        _("Will there be works at sea or on the shore?"),
        _("E.g. a quay, pier, pipeline, dredging or filling in the sea (Coast Protection Act)."),
    ),
    Question(
        "flammable_storage",
        "flammable_storage",
        YESNO,
        _("Will flammable liquids or gases be stored on the site?"),
        _(
            "E.g. methanol, solvents, fuels or gas cylinders beyond small quantities. "
            "The fire and rescue service of the municipality grants the permit."
        ),
    ),
    Question(
        "surplus_heat_delivery",
        "surplus_heat_delivery",
        YESNO,
        _("Will the plant deliver surplus heat to district heating?"),
        _("The municipality approves the heat project, usually applied for by the heat company."),
    ),
    Question(
        "onsite_generation_mw",
        "onsite_generation_mw",
        NUMBER,
        _("Own electricity production on the site"),
        _(
            "The electrical capacity of the plant's own power production in megawatts. Above 25 MW "
            "a production licence from the Danish Energy Agency is needed. Write 0 if none."
        ),
        unit=_("MW"),
    ),
    Question(
        "pharmaceutical_manufacturing",
        "pharmaceutical_manufacturing",
        YESNO,
        _("Will the plant manufacture medicinal products or their intermediates?"),
        _("Needs a manufacturing authorisation from the Danish Medicines Agency."),
    ),
    Question(
        "gmo_contained_use",
        "gmo_contained_use",
        YESNO,
        _("Will the plant work with genetically modified organisms (GMO)?"),
        _(
            "E.g. production with genetically modified bacteria, yeast or cells. Needs approval "
            "from both the Working Environment Authority and the Danish EPA."
        ),
    ),
    Question(
        "stack_height_m",
        "stack_height_m",
        NUMBER,
        _("Height of the tallest stack or building"),
        _(
            "Metres above ground. From 100 m it is an aviation obstacle that the Danish Civil "
            "Aviation and Railway Authority must approve. Write 0 if nothing is tall."
        ),
        unit=_("m"),
    ),
)
