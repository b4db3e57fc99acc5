"""Settling a possible permit (afklar en mulig tilladelse): case plans hold only the
permits the project needs; needed → milestones + replan + audit; not needed; undo."""

from __future__ import annotations

from datetime import date

import pytest

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.cases.errors import CaseError, Forbidden
from rodloeber.cases.inbox import tasks_for
from rodloeber.cases.models import Case, Milestone, Permit, PlanSnapshot
from rodloeber.cases.planning import all_decided
from rodloeber.cases.services.permits import permit_record_decision
from rodloeber.cases.services.settle import permit_settle
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def _possible(case: Case) -> Permit:
    permit = case.permits.filter(certainty="possible").order_by("position").first()
    assert permit is not None, [(p.code, p.certainty) for p in case.permits.all()]
    return permit


@pytest.fixture
def case(applicant: User, manager: User) -> Case:
    return f.in_progress(applicant, manager)


def test_case_plan_holds_only_needed_permits(case: Case) -> None:
    possible = _possible(case)
    assert not possible.milestones.exists()
    current = case.plans.get(kind=PlanSnapshot.CURRENT)
    codes = {p["code"] for p in current.data["permits"]}
    assert possible.code not in codes
    required = set(case.permits.filter(certainty="required").values_list("code", flat=True))
    assert codes == required - {"invest_in_denmark_guidance"}
    # a possible permit does not keep the case open
    assert not all_decided(case)


def test_needed_creates_milestones_replans_and_audits(case: Case, manager: User) -> None:
    possible = _possible(case)
    plans_before = case.plans.count()
    events_before = AuditEvent.objects.count()
    permit_settle(actor=manager, permit=possible, certainty="required")
    possible.refresh_from_db()
    assert possible.certainty == "required"
    ms = list(possible.milestones.all())
    assert ms and all(m.planned == m.forecast for m in ms)
    current = case.plans.filter(kind=PlanSnapshot.CURRENT).order_by("-id").first()
    assert current is not None and case.plans.count() == plans_before + 1
    assert possible.code in {p["code"] for p in current.data["permits"]}
    # the baseline stays frozen without the added permit
    baseline = case.plans.get(kind=PlanSnapshot.BASELINE)
    assert possible.code not in {p["code"] for p in baseline.data["permits"]}
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == events_before + 1
    assert event is not None and event.action == "permit.settle"
    assert event.before == {"certainty": "possible"}


def test_not_needed_then_undo(case: Case, manager: User) -> None:
    possible = _possible(case)
    permit_settle(actor=manager, permit=possible, certainty="not_needed")
    possible.refresh_from_db()
    assert possible.certainty == "not_needed" and not possible.milestones.exists()
    permit_settle(actor=manager, permit=possible, certainty="possible")
    possible.refresh_from_db()
    assert possible.certainty == "possible"


def test_undo_needed_removes_milestones_until_progress(case: Case, manager: User) -> None:
    possible = _possible(case)
    permit_settle(actor=manager, permit=possible, certainty="required")
    permit_settle(actor=manager, permit=possible, certainty="possible")
    assert not possible.milestones.exists()
    permit_settle(actor=manager, permit=possible, certainty="required")
    Milestone.objects.filter(permit=possible).update(forecast_manual=True)
    with pytest.raises(CaseError) as err:
        permit_settle(actor=manager, permit=possible, certainty="not_needed")
    assert err.value.code == "settle_has_progress"


def test_bad_input_and_required_permits_are_refused(case: Case, manager: User) -> None:
    possible = _possible(case)
    with pytest.raises(CaseError) as err:
        permit_settle(actor=manager, permit=possible, certainty="maybe")
    assert err.value.code == "settle_certainty"
    with pytest.raises(CaseError) as err:
        permit_settle(actor=manager, permit=possible, certainty="possible")
    assert err.value.code == "settle_unchanged"
    required = case.permits.filter(certainty="required").exclude(code__contains="guidance").first()
    assert required is not None
    with pytest.raises(CaseError) as err:
        permit_settle(actor=manager, permit=required, certainty="not_needed")
    assert err.value.code == "not_settleable"


def test_owning_authority_may_settle_others_may_not(case: Case, applicant: User) -> None:
    possible = _possible(case)
    assert possible.owner is not None
    owner = f.user(Role.AUTHORITY_CASEWORKER, possible.owner)
    other_code = "MST" if possible.owner.authority_code != "MST" else "0561"
    other = f.user(Role.AUTHORITY_CASEWORKER, f.org(other_code))
    for actor in (applicant, other):
        with pytest.raises(Forbidden):
            permit_settle(actor=actor, permit=possible, certainty="not_needed")
    permit_settle(actor=owner, permit=possible, certainty="not_needed")


def test_a_possible_permit_gets_no_decision_until_settled(case: Case, manager: User) -> None:
    possible = _possible(case)
    actor = manager if possible.owner is None else f.user(Role.AUTHORITY_CASEWORKER, possible.owner)
    with pytest.raises(CaseError) as err:
        permit_record_decision(actor=actor, permit=possible, outcome="granted", on=date.today())
    assert err.value.code == "permit_not_planned"
    permit_settle(actor=manager, permit=possible, certainty="required")
    permit_record_decision(actor=actor, permit=possible, outcome="granted", on=date.today())
    assert possible.milestones.get(kind="decision").actual == date.today()


def test_legacy_milestones_beside_the_plan_make_no_inbox_task(case: Case, manager: User) -> None:
    """A case planned before ADR 0036 may hold milestones of a possible permit: they
    give no inbox task, and settling the permit as needed keeps them."""
    possible = _possible(case)
    day = date.today()
    Milestone.objects.create(
        permit=possible, kind="application_submitted", planned=day, forecast=day
    )
    actor = manager if possible.owner is None else f.user(Role.AUTHORITY_CASEWORKER, possible.owner)
    assert not [t for t in tasks_for(actor, day) if possible.name_da in t.subject]
    permit_settle(actor=manager, permit=possible, certainty="required")
    assert possible.milestones.filter(kind="application_submitted").count() == 1
    assert [t for t in tasks_for(actor, day) if possible.name_da in t.subject]
