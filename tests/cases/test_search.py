"""Case search over number, title, company, CVR and authority; full text on
PostgreSQL, plain match on SQLite (CI runs this file on both)."""

from __future__ import annotations

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.cases.search import search_cases, uses_full_text
from rodloeber.cases.selectors import visible_cases
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def refs(user: User, q: str) -> set[str]:
    return set(search_cases(visible_cases(user), q).values_list("reference", flat=True))


def test_search_fields(applicant: User, manager: User) -> None:
    case = f.in_progress(applicant, manager)
    other_user = f.user(Role.COMPANY_USER, f.company("90000101", "Solcellefabrikken A/S (test)"))
    other = f.submit(other_user, f.facts(title="Solcellefabrik i Aabenraa"))
    assert refs(manager, case.reference) == {case.reference}
    assert refs(manager, "electrolyser") == {case.reference}  # title
    assert refs(manager, "testfabrikken") == {case.reference}  # company name
    assert refs(manager, "90000101") == {other.reference}  # CVR
    assert refs(manager, "MST") == {case.reference}  # authority code of a permit
    assert refs(manager, "Esbjerg Kommune") == {case.reference}  # authority name
    assert refs(manager, "") == {case.reference, other.reference}
    assert refs(manager, "findes-ikke") == set()


def test_search_never_widens_visibility(applicant: User, manager: User) -> None:
    case = f.submit(applicant)
    stranger = f.user(Role.COMPANY_USER, f.company("90000101", "Anden ApS (test)"))
    assert refs(stranger, case.reference) == set()
    assert refs(stranger, "90000047") == set()


def test_case_list_page_searches(applicant: User, manager: User) -> None:
    case = f.in_progress(applicant, manager)
    c = Client()
    c.force_login(manager)

    def results(q: str) -> str:
        html = c.get("/sager", {"q": q}).content.decode()
        start = html.find('data-testid="case-table"')
        return "" if start < 0 else html[start:]  # no table: no match

    assert case.reference in results("Esbjerg Kommune")
    assert case.reference not in results("findes-ikke")


@pytest.mark.skipif(not uses_full_text(), reason="full-text search runs on PostgreSQL only")
def test_full_text_on_postgresql(applicant: User, manager: User) -> None:
    case = f.submit(applicant, f.facts(title="Nye batterifabrikker ved havnen"))
    # Danish stemming and word order: "havn batterifabrik" matches the title
    assert refs(manager, "havn batterifabrik") == {case.reference}
