"""A multi-tenant world for the authorisation matrix.

Company A owns a case (in progress, with permits, documents, messages), a
draft and a saved check; municipality 0561 owns a draft industrial-park
application; municipality 0751 owns a vacant business area. Every hidden
object carries a unique marker so leaks in lists and exports are found by
text search.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.cases.models import Milestone
from rodloeber.cases.services.callin import callin_request
from rodloeber.cases.services.completeness import case_acknowledge
from rodloeber.cases.services.documents import document_upload, message_post
from rodloeber.cases.services.extensions import extension_request
from rodloeber.cases.services.intake import case_draft_create
from rodloeber.checks.services import saved_check_create
from rodloeber.landmap.demo import landmap_demo_load
from rodloeber.landmap.models import BusinessArea
from rodloeber.parks.attachments import attachment_upload
from rodloeber.parks.models import Park, ParkStatus
from rodloeber.parks.services import application_create, round_open
from tests.cases import factories as f
from tests.parks.conftest import FULL_ANSWERS, area

#: Texts that only the owners may ever see.
MARKERS = {
    "case": "Matrixsag Hemmelig (test)",
    "draft": "Matrixkladde Hemmelig (test)",
    "check": "Matrixtjek Hemmelig (test)",
    "park_app": "Matrixpark Hemmelig (test)",
    "document": "matrix-hemmelig.pdf",
    "message": "Matrixbesked Hemmelig",
    "park_attachment": "matrix-parkbilag-hemmelig.pdf",
}

#: Callers: name -> (role, organisation code or CVR).
CALLERS: dict[str, tuple[str, str]] = {
    "company_a": (Role.COMPANY_USER, "cvr:90000047"),  # the owner of the case objects
    "company_b": (Role.COMPANY_USER, "cvr:90000012"),
    "case_manager": (Role.CASE_MANAGER, "ERST"),
    "caseworker_kdi": (Role.AUTHORITY_CASEWORKER, "KDI"),
    "planner_0561": (Role.MUNICIPAL_PLANNER, "0561"),  # the owner of the park application
    "planner_0751": (Role.MUNICIPAL_PLANNER, "0751"),  # the owner of the land area
    "planner_0101": (Role.MUNICIPAL_PLANNER, "0101"),
    "screener": (Role.STATE_SCREENER, "ERST"),
    "analyst": (Role.MINISTRY_ANALYST, "EM"),
    "administrator": (Role.ADMINISTRATOR, "ERST"),
}

#: Which callers may legitimately see which object kinds (everyone else: hidden).
ENTITLED: dict[str, frozenset[str]] = {
    "company_a": frozenset(
        {
            "case",
            "draft",
            "permit",
            "milestone",
            "extension",
            "document",
            "message",
            "check",
            "api_token",
        }
    ),
    "case_manager": frozenset({"case", "permit", "milestone", "extension", "document", "message"}),
    "planner_0561": frozenset({"park_app", "park_attachment"}),
    "administrator": frozenset({"organisation", "invitation", "account_user", "delegation"}),
}
#: Objects that are public by nature (open data): visible, but not editable by outsiders.
PUBLIC_KINDS = frozenset(
    {
        "land_area",
        "park",
        "park_round",
        "layer",
        "tile",
        "schedule",
        "number",
        "fmt",
        "invitation_secret",
    }
)


@dataclass
class World:
    users: dict[str, User]
    ids: dict[str, Any]
    reference: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _org_user(name: str, role: str, where: str) -> User:
    if where.startswith("cvr:"):
        cvr = where[4:]
        return f.user(role, f.company(cvr, f"Virksomhed {cvr} ApS (test)"), name=f"m-{name}")
    return f.user(role, f.org(where), name=f"m-{name}")


def build_world() -> World:
    users = {name: _org_user(name, role, where) for name, (role, where) in CALLERS.items()}
    applicant, manager = users["company_a"], users["case_manager"]
    case = f.submit(applicant, f.facts(title=MARKERS["case"]))
    case = case_acknowledge(actor=manager, case=case, on=timezone.localdate())
    local_plan = f.permit_of(case, "local_plan")
    approval = f.permit_of(case, "environmental_approval")
    esbjerg = f.user("authority_caseworker", f.org("0561"))
    mst = f.user("authority_caseworker", f.org("MST"))
    callin_request(actor=esbjerg, permit=local_plan, to_authority_code="PLST", reason="r")
    ext = extension_request(actor=mst, permit=approval, months=2, reason="r")
    doc = document_upload(
        actor=applicant, case=case, filename=MARKERS["document"], content=b"%PDF-1.4 x"
    )
    msg = message_post(actor=applicant, case=case, body=MARKERS["message"])
    draft = case_draft_create(
        actor=applicant, company_cvr="90000047", facts=f.facts(title=MARKERS["draft"])
    )
    check = saved_check_create(actor=applicant, facts=f.facts(), title=MARKERS["check"])
    rnd = round_open(
        actor=users["administrator"],
        title="Runde (test)",
        deadline=timezone.now() + timedelta(days=30),
        rules_text="§ 13",
    )
    park_app = application_create(
        actor=users["planner_0561"],
        application_round=rnd,
        name=MARKERS["park_app"],
        geometry=area(),
        answers=FULL_ANSWERS,
    )
    park_attachment = attachment_upload(
        actor=users["planner_0561"],
        application=park_app,
        filename=MARKERS["park_attachment"],
        content=b"%PDF-1.4 matrix test",
    )
    public_app = application_create(
        actor=users["planner_0751"],
        application_round=rnd,
        name="Offentlig park (test)",
        geometry=area(x=20_000),
        answers=FULL_ANSWERS,
    )
    today = timezone.localdate()
    park = Park.objects.create(
        application=public_app,
        status=ParkStatus.RESERVED,
        designated_on=today,
        sunset_on=today + timedelta(days=3650),
    )
    landmap_demo_load(count=5, seed=7)
    land = BusinessArea.objects.order_by("pk").first()
    assert land is not None
    BusinessArea.objects.filter(pk=land.pk).update(komnr="0751")
    from rodloeber.accounts.administration_service import invitation_create

    invitation, _link = invitation_create(
        actor=users["administrator"],
        organisation=f.org("0561"),
        role="authority_caseworker",
        email="matrix-invite@example.invalid",
        base_url="http://testserver/",
    )
    account_user = f.user("authority_caseworker", f.org("0561"), name="m-deactivate-me")
    from rodloeber.accounts.delegation_service import delegation_create

    delegation = delegation_create(
        actor=users["administrator"],
        from_org=f.org("0101"),
        to_org=f.org("0147"),
        permit_codes=["building_permit"],
        council_decision_on=timezone.localdate(),
        published_url="https://example.invalid/aftale",
    )
    api_token, _secret = token_create(actor=applicant, user=applicant, name="matrix-token")
    ids = {
        "api_token": api_token.pk,
        "organisation": f.org("0561").pk,
        "invitation": invitation.pk,
        "account_user": account_user.pk,
        "delegation": delegation.pk,
        "case": case.pk,
        "draft": draft.pk,
        "permit": approval.pk,
        "municipal_permit": local_plan.pk,
        "milestone": Milestone.objects.get(permit=approval, kind="decision").pk,
        "extension": ext.pk,
        "document": doc.pk,
        "message": msg.pk,
        "check": check.pk,
        "park_app": park_app.pk,
        "park_attachment": park_attachment.pk,
        "park": park.pk,
        "park_round": rnd.pk,
        "land_area": land.pk,
        "schedule": str(case.public_id),
    }
    return World(users=users, ids=ids, reference=case.reference)


#: (path parameter, template prefix) -> object kind; the first match wins.
PARAM_KINDS: list[tuple[str, str, str]] = [
    ("pk", "/administration/organisationer/", "organisation"),
    ("pk", "/administration/invitationer/", "invitation"),
    ("pk", "/administration/brugere/", "account_user"),
    ("pk", "/administration/bemyndigelser/", "delegation"),
    ("secret", "/konto/invitation/", "invitation_secret"),
    ("pk", "/konto/api-noegler/", "api_token"),
    ("pk", "/sager/", "case"),
    ("case_id", "", "case"),
    ("pk", "/tjek/gemte/", "check"),
    ("pk", "/industriparker/ansoegninger/", "park_app"),
    ("app_id", "", "park_app"),
    ("pk", "/industriparker/park/", "park"),
    ("pk", "/industriparker/runder/", "park_round"),
    ("round_id", "", "park_round"),
    ("att_id", "", "park_attachment"),
    ("park_id", "", "park"),
    ("pk", "/kort/omraade/", "land_area"),
    ("permit_id", "/sager/tilladelser/{permit_id}/hjemtagelse", "municipal_permit"),
    ("permit_id", "/api/v1/permits/{permit_id}/call-in", "municipal_permit"),
    ("permit_id", "", "permit"),
    ("milestone_id", "", "milestone"),
    ("extension_id", "", "extension"),
    ("ext_id", "", "extension"),
    ("document_id", "", "document"),
    ("doc_id", "", "document"),
    ("message_id", "", "message"),
    ("public_id", "", "schedule"),
    ("layer", "", "layer"),
    ("fmt", "", "fmt"),
    ("key", "/statistik/", "fmt"),
    ("number", "", "number"),
    ("z", "", "tile"),
    ("x", "", "tile"),
    ("y", "", "tile"),
]
KIND_OF_KIND = {"municipal_permit": "permit"}  # entitlement uses the general kind
CONSTANTS = {
    "layer": "natura2000",
    "fmt": "geojson",
    "number": 1,
    "tile": 0,
    "invitation_secret": "not-a-real-invitation",
}


def kind_of(template: str, param: str) -> str:
    for name, prefix, kind in PARAM_KINDS:
        if name == param and template.startswith(prefix):
            return kind
    raise AssertionError(f"Classify path parameter {param!r} of {template} in PARAM_KINDS")


def fill(template: str, world: World, missing: bool = False) -> tuple[str, set[str]]:
    """The concrete URL and the object kinds it names (``missing``: ids that don't exist)."""
    kinds: set[str] = set()

    def value(m: Any) -> str:
        kind = kind_of(template, m.group(1))
        kinds.add(KIND_OF_KIND.get(kind, kind))
        if kind in CONSTANTS:
            return str(CONSTANTS[kind])
        if missing:
            return "00000000-0000-4000-8000-000000000000" if kind == "schedule" else "999999"
        return str(world.ids[kind])

    import re

    return re.sub(r"{(\w+)}", value, template), kinds
