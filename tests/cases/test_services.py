"""Case services: intake, assignment, completeness, plan, authorities' work."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.audit.services import verify_chain
from rodloeber.cases.errors import CaseError, Forbidden, IllegalTransition, StaleVersion
from rodloeber.cases.models import (
    CaseParty,
    CaseStatus,
    ClockEvent,
    Milestone,
    Outbox,
    PartyRole,
    PermitStatus,
    PlanSnapshot,
)
from rodloeber.cases.services.assignment import case_reassign
from rodloeber.cases.services.completeness import (
    case_acknowledge,
    case_publish_schedule,
    case_reject,
    case_request_information,
    case_supplement,
)
from rodloeber.cases.services.extensions import extension_decide, extension_request
from rodloeber.cases.services.intake import case_draft_create, case_draft_update, case_submit
from rodloeber.cases.services.milestones import milestone_update
from rodloeber.cases.services.permits import permit_pause, permit_record_decision, permit_resume
from rodloeber.domain.facts import FactsError
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def test_draft_then_submit_assigns_contact_and_invest_in_denmark(
    applicant: User, manager: User
) -> None:
    draft = case_draft_create(actor=applicant, company_cvr="90000047", facts={"title": "x"})
    assert draft.status == CaseStatus.DRAFT and draft.reference.startswith("RL-")
    draft = case_draft_update(actor=applicant, case=draft, facts=f.FACTS, expected_version=1)
    assert draft.draft_version == 2
    with pytest.raises(StaleVersion):
        case_draft_update(actor=applicant, case=draft, facts=f.FACTS, expected_version=1)
    case = case_submit(actor=applicant, case=draft)
    assert case.status == CaseStatus.SUBMITTED
    assert case.eligible is True and case.cap_months == 18
    assert case.contact_person == manager
    assert case.foreign_investor and case.fdi_screening_flagged
    assert CaseParty.objects.filter(
        case=case, role=PartyRole.INVEST_IN_DENMARK, organisation__authority_code="UM-IDK"
    ).exists()
    guidance = case.permits.get(code="invest_in_denmark_guidance")
    assert guidance.milestones.get().kind == "guidance_meeting"
    assert Outbox.objects.filter(event="case.submit").exists()
    assert verify_chain().ok


def test_invalid_facts_keep_the_draft(applicant: User) -> None:
    draft = case_draft_create(
        actor=applicant, company_cvr="90000047", facts={"investment_dkk": "lots"}
    )
    with pytest.raises(FactsError):
        case_submit(actor=applicant, case=draft)
    draft.refresh_from_db()
    assert draft.status == CaseStatus.DRAFT


def test_ineligible_application_is_explained_not_lost(applicant: User, manager: User) -> None:
    case = f.submit(applicant, f.SMALL_FACTS)
    assert case.status == CaseStatus.SUBMITTED and case.eligible is False
    assert case.eligibility and case.eligibility["criteria"]
    with pytest.raises(CaseError) as err:
        case_acknowledge(actor=manager, case=case, on=date.today())
    assert err.value.code == "not_eligible"
    case = case_reject(actor=manager, case=case, reason="Ikke omfattet af kriterierne")
    assert case.status == CaseStatus.NOT_ELIGIBLE


def test_cvr_of_another_company_is_refused(applicant: User) -> None:
    with pytest.raises(CaseError):
        case_draft_create(actor=applicant, company_cvr="90000012", facts={})


def test_contact_person_goes_to_least_loaded_manager(applicant: User, manager: User) -> None:
    second = f.user(Role.CASE_MANAGER, f.org("ERST"))
    first_case = f.submit(applicant)  # large case (weight 3) to the lowest id
    assert first_case.contact_person == manager
    assert first_case.size_weight == 3
    small = f.submit(applicant, f.SMALL_FACTS)
    assert small.contact_person == second and small.size_weight < 3
    assert f.submit(applicant, f.SMALL_FACTS).contact_person == second  # 2 < 3
    moved = case_reassign(actor=manager, case=first_case, contact_person=second, reason="Ferie")
    assert moved.contact_person == second
    assert moved.contact_history.count() == 2
    with pytest.raises(CaseError):
        case_reassign(actor=manager, case=first_case, contact_person=applicant, reason="x")


def test_request_information_only_once_with_30_days(applicant: User, manager: User) -> None:
    case = f.submit(applicant)
    case = case_request_information(actor=manager, case=case, text="Send støjberegning")
    assert case.status == CaseStatus.INFORMATION_REQUESTED
    assert case.info_due_on == date.today() + timedelta(days=30)
    case = case_supplement(actor=applicant, case=case, text="Vedhæftet")
    assert case.status == CaseStatus.SUBMITTED
    with pytest.raises(CaseError):
        case_request_information(actor=manager, case=case, text="Igen")
    with pytest.raises(Forbidden):
        case_request_information(actor=applicant, case=case, text="x")


def test_acknowledge_starts_clock_creates_permits_and_baseline(
    applicant: User, manager: User
) -> None:
    case = f.in_progress(applicant, manager)
    assert case.status == CaseStatus.IN_PROGRESS and case.clock_start == date.today()
    assert ClockEvent.objects.filter(case=case, kind="started").exists()
    assert PlanSnapshot.objects.filter(case=case, kind="baseline").count() == 1
    local_plan = f.permit_of(case, "local_plan")
    assert local_plan.owner is not None and local_plan.owner.authority_code == "0561"
    assert f.permit_of(case, "environmental_approval").owner.authority_code == "MST"  # type: ignore[union-attr]
    assert f.permit_of(case, "grid_connection").owner is None
    m = f.milestone_of(case, "local_plan")
    assert m.planned == m.forecast and m.version == 1
    assert case.cap_deadline is not None and case.p_within_cap is not None
    with pytest.raises(IllegalTransition):
        case_acknowledge(actor=manager, case=case, on=date.today())
    case = case_publish_schedule(actor=manager, case=case)
    assert case.schedule_published_at is not None


def test_milestone_update_replans_and_keeps_baseline(
    applicant: User, manager: User, esbjerg: User, mst: User
) -> None:
    case = f.in_progress(applicant, manager)
    m = f.milestone_of(case, "local_plan")
    later = m.forecast + timedelta(days=300)
    m2 = milestone_update(
        actor=esbjerg, milestone=m, expected_version=1, forecast=later, reason="Høringssvar"
    )
    assert m2.version == 2 and m2.forecast == later and m2.planned == m.planned
    with pytest.raises(StaleVersion):
        milestone_update(actor=esbjerg, milestone=m, expected_version=1, actual=date.today())
    with pytest.raises(CaseError):
        milestone_update(actor=esbjerg, milestone=m, expected_version=2, forecast=later)
    with pytest.raises(Forbidden):
        milestone_update(actor=mst, milestone=m, expected_version=2, actual=date.today())
    # a dependent permit (building permit waits for the local plan) moved too
    building = f.milestone_of(case, "building_permit")
    assert building.forecast > building.planned
    assert PlanSnapshot.objects.filter(case=case, kind="current").count() >= 2


def test_pause_resume_with_reason_code(applicant: User, manager: User, esbjerg: User) -> None:
    case = f.in_progress(applicant, manager, on=date.today() - timedelta(days=20))
    permit = f.permit_of(case, "local_plan")
    with pytest.raises(CaseError):
        permit_pause(actor=esbjerg, permit=permit, reason="coffee")
    pause = permit_pause(
        actor=esbjerg,
        permit=permit,
        reason="applicant_supplementing",
        note="Mangler VVM",
        on=date.today() - timedelta(days=10),
    )
    assert pause.stops_clock
    permit.refresh_from_db()
    assert permit.status == PermitStatus.PAUSED
    with pytest.raises(IllegalTransition):
        permit_pause(actor=esbjerg, permit=permit, reason="appeal")
    permit_resume(actor=esbjerg, permit=permit, note="Modtaget")
    permit.refresh_from_db()
    assert permit.status == PermitStatus.IN_PROGRESS
    kinds = list(ClockEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds == ["started", "stopped", "resumed"]
    case.refresh_from_db()
    assert case.cap_deadline is not None


def test_extension_once_at_most_three_months(applicant: User, manager: User, mst: User) -> None:
    case = f.in_progress(applicant, manager)
    before = case.cap_deadline
    permit = f.permit_of(case, "environmental_approval")
    with pytest.raises(CaseError):
        extension_request(actor=mst, permit=permit, months=4, reason="Komplekst")
    req = extension_request(actor=mst, permit=permit, months=3, reason="Komplekst")
    with pytest.raises(CaseError):
        extension_request(actor=mst, permit=permit, months=1, reason="Igen")
    with pytest.raises(Forbidden):
        extension_decide(actor=mst, request=req, approve=True, reason="ok")
    extension_decide(actor=manager, request=req, approve=True, reason="Begrundet")
    case.refresh_from_db()
    assert before is not None and case.cap_deadline is not None
    assert case.cap_deadline > before
    with pytest.raises(CaseError):
        extension_request(actor=mst, permit=permit, months=1, reason="Igen")


def test_decisions_close_the_case(applicant: User, manager: User) -> None:
    case = f.submit(applicant, f.SMALL_FACTS)
    case = case_acknowledge(
        actor=manager, case=case, on=date.today(), eligibility_override="Industripark"
    )
    # only planned permits hold the case open; a possible one must be settled first
    for permit in case.permits.filter(certainty="required"):
        owner = permit.owner
        actor = manager if owner is None else f.user(Role.AUTHORITY_CASEWORKER, owner)
        permit_record_decision(actor=actor, permit=permit, outcome="granted", on=date.today())
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.decided_on == date.today()
    decision = Milestone.objects.filter(permit__case=case, kind="decision").first()
    assert decision is not None and decision.actual == date.today()


def test_every_service_writes_one_audit_event(applicant: User, manager: User) -> None:
    n = AuditEvent.objects.count()
    case = f.submit(applicant)
    assert AuditEvent.objects.count() == n + 1
    case_request_information(actor=manager, case=case, text="x")
    assert AuditEvent.objects.count() == n + 2
