"""Voluntary delegation between municipalities (L 206 § 15): recorded on the
administration page, audited, and new permits are routed to the delegate."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rodloeber.accounts.delegation_service import delegation_create, delegation_end
from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import Delegation, User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings: Any) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 200


@pytest.fixture
def admin(db: Any) -> User:
    return f.user(Role.ADMINISTRATOR, f.org("ERST"), "adm")


def test_permits_route_to_the_delegate(admin: User) -> None:
    esbjerg, varde = f.org("0561"), f.org("0573")
    c = Client()
    c.force_login(admin)
    r = c.post(
        f"/administration/organisationer/{esbjerg.pk}/bemyndigelse",
        {
            "to_org": varde.pk,
            "permit_codes": ["building_permit", "environmental_approval"],
            "council_decision_on": timezone.localdate().isoformat(),
            "published_url": "https://esbjerg.dk/aftale-om-bemyndigelse",
        },
    )
    assert r.status_code == 302
    assert AuditEvent.objects.filter(action="org.delegate").count() == 1
    page = c.get(f"/administration/organisationer/{esbjerg.pk}").content.decode()
    assert "Varde Kommune" in page and "Byggetilladelse" in page

    applicant = f.user(Role.COMPANY_USER, f.company())
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"))
    case = f.in_progress(applicant, manager)
    building = f.permit_of(case, "building_permit")
    assert building.owner == varde and building.original_owner == esbjerg
    local_plan = f.permit_of(case, "local_plan")  # not delegable: stays
    assert local_plan.owner == esbjerg
    # the delegate's caseworker now sees the case and may edit that permit
    varde_worker = f.user(Role.AUTHORITY_CASEWORKER, varde)
    cw = Client()
    cw.force_login(varde_worker)
    assert cw.get(f"/sager/{case.pk}").status_code == 200

    delegation_end(actor=admin, delegation=Delegation.objects.get())
    later = f.in_progress(applicant, manager)
    assert f.permit_of(later, "building_permit").owner == esbjerg


def test_only_what_section_15_allows(admin: User) -> None:
    today = timezone.localdate()
    ok = {
        "actor": admin,
        "from_org": f.org("0561"),
        "to_org": f.org("0573"),
        "permit_codes": ["building_permit"],
        "council_decision_on": today,
        "published_url": "https://esbjerg.dk/aftale",
    }
    bad = [
        ({"permit_codes": ["local_plan"]}, "delegation_permits"),
        ({"permit_codes": []}, "delegation_permits"),
        ({"to_org": f.org("0561")}, "delegation_self"),
        ({"to_org": f.org("MST")}, "delegation_municipalities"),
        ({"council_decision_on": today + timedelta(days=1)}, "delegation_date"),
        ({"published_url": "esbjerg.dk"}, "delegation_published"),
    ]
    for change, code in bad:
        with pytest.raises(AccountError) as err:
            delegation_create(**{**ok, **change})
        assert err.value.code == code
    delegation_create(**ok)
    with pytest.raises(AccountError) as err:
        delegation_create(**{**ok, "to_org": f.org("0575")})
    assert err.value.code == "delegation_exists"
    planner = f.user(Role.MUNICIPAL_PLANNER, f.org("0561"))
    with pytest.raises(AccountError):
        delegation_create(**{**ok, "actor": planner})
