"""Synthetic demo cases (syntetiske demosager) in every state, through the services.

All dates are offsets from the day the demo is loaded, so the inbox a
newcomer sees is a realistic working day (a few milestones late, most on
time). Companies, users and cases are ``synthetic=True`` and
named "(demo)". Loading is idempotent: a case whose title exists is skipped.
Needs the reference authorities and ``accounts.demo.demo_load()`` first.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import company_create, user_create
from rodloeber.cases.demo_scenarios import SCENARIOS, TEMPLATES, Scenario
from rodloeber.cases.models import Case, Milestone, Permit, PermitStatus
from rodloeber.cases.services.callin import callin_decide, callin_request
from rodloeber.cases.services.completeness import (
    case_acknowledge,
    case_publish_schedule,
    case_reject,
    case_request_information,
)
from rodloeber.cases.services.extensions import extension_decide, extension_request
from rodloeber.cases.services.intake import case_draft_create, case_submit_new, case_withdraw
from rodloeber.cases.services.milestones import milestone_update
from rodloeber.cases.services.permits import permit_pause, permit_record_decision
from rodloeber.cases.services.settle import permit_settle
from rodloeber.domain.identifiers import cvr_problem
from rodloeber.domain.navigator.model import is_planned

# Every demo date is an offset from the day the demo is loaded (``ref``), so a
# newcomer's inbox looks like a normal working day: a few things late, most on
# time. The data stay labelled synthetic ("(demo)", Case.synthetic).
#: Monte Carlo samples per re-plan while loading demo cases (fewer than a live
#: re-plan's RODLOEBER_PLAN_SAMPLES: the demo needs plausible, not precise, odds).
DEMO_PLAN_SAMPLES = 300


_EXTRA_COMPANIES = (
    "Esbjerg Havvind Komponenter A/S (demo)",
    "Grøn Proces Teknik ApS (demo)",
    "Vadehavet Industri A/S (demo)",
    "Sydvest Maskinfabrik ApS (demo)",
    "Fanø Bugt Energi ApS (demo)",
)


def _demo_cvrs(n: int) -> list[str]:
    """Valid (modulus 11) CVR numbers in NemLog-in's 9xxxxxxx test range."""
    out: list[str] = []
    candidate = 90001000
    while len(out) < n:
        candidate += 1
        if cvr_problem(str(candidate)) is None:
            out.append(str(candidate))
    return out


def _user(username: str, role: str, org: Organisation) -> User:
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    return user_create(
        actor=None,
        username=username,
        password=None,
        role=role,
        organisation=org,
        first_name="Demo",
        last_name=f"{org.name} (demo)",
        email=f"{username}@example.invalid",
        synthetic=True,
    )


def _company_users() -> list[User]:
    users = [User.objects.get(username="demo-virksomhed")]
    for i, (cvr, name) in enumerate(
        zip(_demo_cvrs(len(_EXTRA_COMPANIES)), _EXTRA_COMPANIES, strict=True)
    ):
        org = Organisation.objects.filter(cvr=cvr).first() or company_create(
            actor=None, cvr=cvr, name=name, synthetic=True
        )
        users.append(_user(f"demo-virksomhed-{i + 2}", Role.COMPANY_USER, org))
    return users


def _worker(org: Organisation) -> User:
    named = {"0561": "demo-myndighed", "MST": "demo-mst"}
    code = org.authority_code or ""
    if code in named and User.objects.filter(username=named[code]).exists():
        return User.objects.get(username=named[code])
    return _user(f"demo-sagsbehandler-{code.lower()}", Role.AUTHORITY_CASEWORKER, org)


def _editor(permit: Permit, manager: User) -> User:
    return manager if permit.owner is None else _worker(permit.owner)


def _facts(s: Scenario) -> dict[str, Any]:
    data = copy.deepcopy(TEMPLATES[s.template])
    data.update(copy.deepcopy(s.overrides))
    data["title"] = s.title
    return data


#: At most this many milestones are completed per demo case (bounded load time).
MAX_COMPLETED = 80
#: The "overdue" demo case stopped reporting this many days ago, so its recent
#: milestones show as overdue; every other case is up to date.
OVERDUE_SINCE_DAYS = 60


def _progress(
    case: Case, manager: User, today: date, revise: bool, up_to: date, hold: Permit | None = None
) -> None:
    """Report the demo case's past like a well-run case: every milestone due
    before ``up_to`` gets its actual date (a decision is recorded as granted),
    earliest first, so the inbox shows only what is really late. The
    intermediate re-plans skip the Monte Carlo run; the last one runs it.
    ``hold`` is the permit the scenario still acts on (pause, extension,
    call-in): its decision is left open."""
    for _ in range(MAX_COMPLETED):
        due = list(
            Milestone.objects.filter(permit__case=case, actual__isnull=True, forecast__lt=up_to)
            .exclude(permit__status=PermitStatus.DECIDED)
            .exclude(permit=hold, kind__in=("decision", "appeal_period_end"))
            .select_related("permit", "permit__owner")
            .order_by("forecast", "id")[:2]
        )
        if not due:
            break
        m = due[0]
        samples = DEMO_PLAN_SAMPLES if len(due) == 1 else 0
        if m.kind == "decision" and not m.permit.is_guidance:
            permit_record_decision(
                actor=_editor(m.permit, manager),
                permit=m.permit,
                outcome="granted",
                on=m.forecast,
                today=m.forecast,  # reported on the day, as in real life
                plan_samples=samples,
            )
        else:
            milestone_update(
                actor=_editor(m.permit, manager),
                milestone=m,
                expected_version=m.version,
                actual=m.forecast,
                today=m.forecast,
                plan_samples=samples,
            )
    if revise:
        m2 = (
            Milestone.objects.filter(permit__case=case, kind="decision", actual__isnull=True)
            .exclude(permit__status=PermitStatus.DECIDED)
            .select_related("permit", "permit__owner")
            .order_by("forecast")
            .first()
        )
        if m2 is not None:
            milestone_update(
                actor=_editor(m2.permit, manager),
                milestone=m2,
                expected_version=m2.version,
                forecast=m2.forecast + timedelta(days=45),
                reason="Høringssvar kræver supplerende støjberegning (demo)",
                today=today,
                plan_samples=DEMO_PLAN_SAMPLES,
            )


def _first_permit(case: Case, *codes: str) -> Permit:
    """The first open (not yet decided) permit of ``codes``, else any open one."""
    open_permits = [
        p
        for p in case.permits.filter(owner__isnull=False)
        .exclude(status=PermitStatus.DECIDED)
        .order_by("position", "id")
        if is_planned(p.certainty)  # possible permits stay beside the plan
    ]
    for code in codes:
        permit = next((p for p in open_permits if p.code == code), None)
        if permit is not None:
            return permit
    return next(p for p in open_permits if p.code != "fdi_screening")


def _load_one(i: int, s: Scenario, applicant: User, manager: User, ref: date) -> None:
    sub = ref - timedelta(days=s.age_days)
    assert applicant.organisation is not None and applicant.organisation.cvr is not None
    cvr = applicant.organisation.cvr
    if s.stage == "draft":
        case_draft_create(actor=applicant, company_cvr=cvr, facts=_facts(s), title=s.title)
        return
    case, _ = case_submit_new(
        actor=applicant,
        company_cvr=cvr,
        facts=_facts(s),
        idempotency_key=f"demo-{i}",
        today=sub,
    )
    if s.stage == "submitted":
        return
    if s.stage == "info":
        text = "Send venligst støjberegning og tegninger af anlægget (demo)."
        case_request_information(actor=manager, case=case, text=text, today=sub + timedelta(7))
        return
    if s.stage == "rejected":
        case_reject(actor=manager, case=case, reason="Ingen af adgangskriterierne er opfyldt.")
        return
    if s.stage == "withdrawn":
        case_withdraw(actor=applicant, case=case, reason="Projektet er udskudt (demo).")
        return
    ack = sub + timedelta(days=14)
    override = "" if case.eligible else "Virksomheden ligger i en kommunal industripark (demo)."
    case = case_acknowledge(
        actor=manager,
        case=case,
        on=ack,
        eligibility_override=override,
        today=ref,
        plan_samples=DEMO_PLAN_SAMPLES,
    )
    for code in s.needed:
        permit = case.permits.get(code=code)
        permit_settle(
            actor=manager,
            permit=permit,
            certainty="required",
            on=ack + timedelta(7),
            plan_samples=DEMO_PLAN_SAMPLES,
        )
    up_to = ref
    if s.stage == "overdue":
        up_to -= timedelta(days=OVERDUE_SINCE_DAYS)
    elif s.stage == "decided":  # its decisions are recorded below, on their own dates
        up_to = min(ref, ack + timedelta(days=60))
    codes = {
        "paused": ("environmental_approval", "building_permit"),
        "paused_long": ("environmental_approval", "building_permit"),
        "extended": ("environmental_approval",),
        "extension_pending": ("environmental_approval",),
        "called_in": ("building_permit", "water_abstraction_permit"),
    }.get(s.stage)
    hold = _first_permit(case, *codes) if codes else None
    _progress(case, manager, ref, s.stage == "revised", up_to, hold)
    if s.stage in ("progress", "revised", "paused", "paused_long", "overdue"):
        case_publish_schedule(actor=manager, case=case)
    if s.stage in ("paused", "paused_long"):
        permit = hold or _first_permit(case, "environmental_approval", "building_permit")
        start = ref - timedelta(days=90 if s.stage == "paused_long" else 12)
        permit_pause(
            actor=_worker(permit.owner),  # type: ignore[arg-type]
            permit=permit,
            reason="applicant_supplementing",
            note="Afventer supplerende miljøoplysninger fra ansøger (demo).",
            on=max(start, ack + timedelta(days=1)),
            plan_samples=DEMO_PLAN_SAMPLES,
        )
    elif s.stage in ("extended", "extension_pending"):
        permit = hold or _first_permit(case, "environmental_approval")
        owner = permit.owner
        assert owner is not None
        request = extension_request(
            actor=_worker(owner),
            permit=permit,
            months=3,
            reason="Sagen kræver supplerende miljøkonsekvensvurdering (demo).",
        )
        if s.stage == "extended":
            extension_decide(
                actor=manager,
                request=request,
                approve=True,
                reason="Begrundet i sagens kompleksitet (NZIA art. 9, stk. 6).",
                today=ref - timedelta(days=20),
                plan_samples=DEMO_PLAN_SAMPLES,
            )
    elif s.stage == "called_in":
        permit = hold or _first_permit(case, "building_permit", "water_abstraction_permit")
        owner = permit.owner
        assert owner is not None
        callin_request(
            actor=_worker(owner),
            permit=permit,
            to_authority_code="MST",
            reason="Kommunen ønsker, at staten behandler tilladelsen samlet (demo).",
        )
        mst = Organisation.objects.get(authority_code="MST")
        callin_decide(actor=_worker(mst), permit=permit, accept=True, reason="Overtaget (demo).")
    elif s.stage == "decided":
        still_open = case.permits.exclude(status=PermitStatus.DECIDED).order_by("position", "id")
        for n, permit in enumerate(p for p in still_open if is_planned(p.certainty)):
            permit_record_decision(
                actor=_editor(permit, manager),
                permit=permit,
                outcome="granted",
                on=ack + timedelta(days=150 + 10 * n),
                today=ref,
                plan_samples=DEMO_PLAN_SAMPLES,
            )
        return
    # A pause, an extension or a call-in re-plans: report what that moved into the past.
    _progress(case, manager, ref, False, up_to, hold)


def cases_demo_load() -> int:
    """Create the demo cases that do not exist yet; returns how many were created."""
    manager = User.objects.filter(username="demo-kontaktperson").first()
    if manager is None:
        return 0
    applicants = _company_users()
    existing = set(Case.objects.filter(synthetic=True).values_list("title", flat=True))
    ref = timezone.localdate()
    created = 0
    for i, s in enumerate(SCENARIOS):
        if s.title in existing:
            continue
        _load_one(i, s, applicants[s.company % len(applicants)], manager, ref)
        created += 1
    return created
