"""Synthetic demo organisations and users (syntetiske demodata).

Everything created here is flagged ``synthetic=True`` and named "(demo)" so it
can never be mistaken for a real company or person. CVR numbers start with 9
(the range NemLog-in uses for test organisations) and pass modulus 11.
Loading is idempotent: a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import company_create, user_create
from rodloeber.audit.services import record_event

DEMO_PASSWORD = "RodLoeber-demo-2026"  # noqa: S105 - published demo credential, demo mode only


@dataclass(frozen=True)
class DemoCompany:
    cvr: str
    name: str
    foreign_parent_country: str = ""


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    first_name: str
    last_name: str
    org_cvr: str = ""
    org_authority_code: str = ""


DEMO_COMPANIES = (
    DemoCompany("90000012", "Nordlys Elektrolyse ApS (demo)", "DE"),
    DemoCompany("90000020", "Vestkyst Batterifabrik A/S (demo)"),
    DemoCompany("90000039", "Fynsk Metalgenvinding ApS (demo)"),
)

DEMO_USERS = (
    DemoUser("demo-virksomhed", Role.COMPANY_USER, "Freja", "Holm (demo)", org_cvr="90000012"),
    DemoUser(
        "demo-kontaktperson", Role.CASE_MANAGER, "Mads", "Lund (demo)", org_authority_code="ERST"
    ),
    DemoUser(
        "demo-myndighed", Role.AUTHORITY_CASEWORKER, "Ida", "Berg (demo)", org_authority_code="0561"
    ),
    DemoUser(
        "demo-mst", Role.AUTHORITY_CASEWORKER, "Karl", "Storm (demo)", org_authority_code="MST"
    ),
    DemoUser(
        "demo-planlaegger", Role.MUNICIPAL_PLANNER, "Sofie", "Dal (demo)", org_authority_code="0561"
    ),
    DemoUser(
        "demo-screener", Role.STATE_SCREENER, "Anders", "Vang (demo)", org_authority_code="ERST"
    ),
    DemoUser(
        "demo-analytiker", Role.MINISTRY_ANALYST, "Nora", "Kjær (demo)", org_authority_code="EM"
    ),
    DemoUser("demo-admin", Role.ADMINISTRATOR, "Jonas", "Friis (demo)", org_authority_code="ERST"),
)


def demo_logins() -> list[dict[str, str]]:
    """The published demo log-ins, one per role (shown on the log-in page)."""
    return [
        {"username": u.username, "password": DEMO_PASSWORD, "role_label": str(Role(u.role).label)}
        for u in DEMO_USERS
    ]


@dataclass(frozen=True)
class DemoLoadResult:
    companies_created: int
    users_created: int


def demo_load() -> DemoLoadResult:
    """Create the demo companies and one demo user per role (needs reference data)."""
    companies = users = 0
    with transaction.atomic():
        for c in DEMO_COMPANIES:
            if not Organisation.objects.filter(cvr=c.cvr).exists():
                company_create(
                    actor=None,
                    cvr=c.cvr,
                    name=c.name,
                    foreign_parent_country=c.foreign_parent_country,
                    synthetic=True,
                )
                companies += 1
        for u in DEMO_USERS:
            if User.objects.filter(username=u.username).exists():
                continue
            org = (
                Organisation.objects.get(cvr=u.org_cvr)
                if u.org_cvr
                else Organisation.objects.get(authority_code=u.org_authority_code)
            )
            user_create(
                actor=None,
                username=u.username,
                password=DEMO_PASSWORD,
                role=u.role,
                organisation=org,
                first_name=u.first_name,
                last_name=u.last_name,
                email=f"{u.username}@example.invalid",
                synthetic=True,
            )
            users += 1
        if companies or users:
            record_event(
                action="demo.load",
                actor=None,
                subject_type="demo",
                subject_id="accounts",
                after={"companies_created": companies, "users_created": users},
            )
    return DemoLoadResult(companies, users)
