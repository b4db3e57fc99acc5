"""Creating a case's permits resolves owners and delegations in a constant
number of queries (issue #20 item 3): the acknowledgement used to look up the
owning authority and its delegations once per permit (~17 queries per case)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rodloeber.accounts.delegation_service import delegate_for, delegation_create
from rodloeber.accounts.models import Organisation
from rodloeber.accounts.roles import Role
from rodloeber.cases.models import Case, Permit
from rodloeber.cases.planning import create_permits
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def _navigator_case() -> tuple[Case, dict[str, Any]]:
    applicant = f.user(Role.COMPANY_USER, f.company())
    case = f.submit(applicant)
    assert case.navigator and len(case.navigator["permits"]) >= 6
    return case, case.navigator


def _created(
    case: Case, navigator: dict[str, Any], rows: list[dict[str, Any]]
) -> tuple[list[Permit], int]:
    Permit.objects.filter(case=case).delete()
    subset = {**navigator, "permits": rows}
    with CaptureQueriesContext(connection) as queries:
        permits = create_permits(case, subset)
    return permits, len(queries)


def test_create_permits_queries_do_not_grow_with_permits() -> None:
    admin = f.user(Role.ADMINISTRATOR, f.org("ERST"))
    esbjerg, varde = f.org("0561"), f.org("0573")
    delegation_create(  # Esbjerg lets Varde handle building permits (L 206 § 15)
        actor=admin,
        from_org=esbjerg,
        to_org=varde,
        permit_codes=["building_permit"],
        council_decision_on=timezone.localdate(),
        published_url="https://esbjerg.dk/aftale",
    )
    case, navigator = _navigator_case()
    rows = navigator["permits"]
    two = [next(p for p in rows if p["code"] == "building_permit"), rows[0]]
    few, few_queries = _created(case, navigator, two)
    many, many_queries = _created(case, navigator, rows)
    assert (len(few), len(many)) == (2, len(rows))
    assert few[0].owner == varde
    assert many_queries == few_queries
    # the same owners as the one-permit look-ups
    for permit, p in zip(many, navigator["permits"], strict=True):
        original = Organisation.objects.filter(authority_code=p["authority_code"] or None).first()
        expected = delegate_for(original, p["code"]) or original
        assert (permit.original_owner, permit.owner) == (original, expected)
        assert permit.pk is not None and permit.position == navigator["permits"].index(p)
    building = next(p for p in many if p.code == "building_permit")
    assert (building.owner, building.original_owner) == (varde, esbjerg)
    assert building.authority_name == varde.name
