"""Intake (ansøgning): drafts, submission with idempotency keys, withdrawal.

Eligibility is checked again on submit; an ineligible application is still
submitted (status ``submitted``, ``eligible=False``) with the full
explanation stored, so the case manager can explain or reject it — nothing
is lost.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, Forbidden, NotFound, StaleVersion
from rodloeber.cases.models import Case, CaseParty, CaseStatus, IdempotencyKey, PartyRole
from rodloeber.cases.notify import case_line, company_users, contact, notify
from rodloeber.cases.services.assignment import assign_contact, pick_contact_person, size_weight
from rodloeber.cases.services.common import local_today, lock_case, move
from rodloeber.cases.services.foreign import join_invest_in_denmark
from rodloeber.checks.computation import CheckRun, run_check
from rodloeber.checks.models import SavedCheck
from rodloeber.domain.plan_preview import plan_cap


def body_hash(body: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a request body (for idempotency keys)."""
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def instant(day: date) -> datetime:
    """Now, or noon (Copenhagen) of a back-dated day (demo data, imports)."""
    if day == local_today():
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _require_company_user(actor: User, company_cvr: str) -> None:
    org = actor.organisation
    if actor.role != Role.COMPANY_USER or org is None:
        raise Forbidden()
    if org.cvr != company_cvr.strip():
        raise CaseError(
            "cvr_mismatch",
            "Du kan kun ansøge for din egen virksomhed (CVR-nummeret passer ikke).",
            "You can only apply for your own company (the CVR number does not match).",
        )


def _saved_check(actor: User, saved_check_id: int) -> tuple[dict[str, Any], str]:
    """Facts and title of a saved check (app ``rodloeber.checks``) of the actor's company."""
    saved = SavedCheck.objects.filter(pk=saved_check_id, company_id=actor.organisation_id).first()
    if saved is None:
        raise NotFound()
    return dict(saved.facts), str(saved.title)


def _new_case(actor: User, facts: Mapping[str, Any], title: str, check_id: int | None) -> Case:
    assert actor.organisation is not None
    now = timezone.now()
    case = Case.objects.create(
        reference=f"tmp-{uuid.uuid4().hex[:16]}",
        title=(title or str(facts.get("title") or "") or "Ansøgning")[:300],
        company=actor.organisation,
        created_by=actor,
        facts=dict(facts),
        saved_check_id=check_id,
        synthetic=actor.synthetic,
    )
    case.reference = f"RL-{now.year}-{case.pk:05d}"
    case.save(update_fields=["reference"])
    CaseParty.objects.create(case=case, organisation=actor.organisation, role=PartyRole.COMPANY)
    return case


def case_draft_create(
    *,
    actor: User,
    company_cvr: str,
    facts: Mapping[str, Any] | None = None,
    saved_check_id: int | None = None,
    title: str = "",
) -> Case:
    """Start an application draft (ansøgningskladde) from a saved check or facts."""
    _require_company_user(actor, company_cvr)
    if saved_check_id is not None:
        facts, saved_title = _saved_check(actor, saved_check_id)
        title = title or saved_title
    with transaction.atomic():
        case = _new_case(actor, facts or {}, title, saved_check_id)
        record_event(
            action="case.draft_create",
            actor=actor,
            subject=case,
            organisation=case.company,
            after={"reference": case.reference, "saved_check_id": saved_check_id},
        )
    return case


def case_draft_update(
    *,
    actor: User,
    case: Case,
    facts: Mapping[str, Any],
    title: str | None = None,
    expected_version: int | None = None,
) -> Case:
    """Auto-save a draft; ``expected_version`` protects against overwriting
    another tab's save (optimistic locking on ``draft_version``)."""
    with transaction.atomic():
        case = lock_case(case.pk)
        if actor.role != Role.COMPANY_USER or actor.organisation_id != case.company_id:
            raise NotFound()
        if case.status != CaseStatus.DRAFT:
            raise CaseError(
                "not_a_draft",
                "Ansøgningen er indsendt og kan ikke længere ændres.",
                "The application has been submitted and can no longer change.",
            )
        if expected_version is not None and expected_version != case.draft_version:
            raise StaleVersion(case.draft_version)
        case.facts = dict(facts)
        if title is not None and title.strip():
            case.title = title.strip()[:300]
        case.draft_version += 1
        case.updated_at = timezone.now()
        case.save(update_fields=["facts", "title", "draft_version", "updated_at"])
        record_event(
            action="case.draft_update",
            actor=actor,
            subject=case,
            organisation=case.company,
            after={"draft_version": case.draft_version},
        )
    return case


def store_check(case: Case, run: CheckRun) -> None:
    """Keep the check the case is decided on (not saved here): the facts as
    checked, eligibility, navigator answer, catalogue version and binding cap."""
    check = run.result
    cap = plan_cap(check.eligibility.cap)
    case.facts = run.facts  # as checked: criterion C derived from the designated parks
    case.eligibility = check.eligibility.to_dict()
    case.navigator = check.permits.to_dict()
    case.catalogue_version = check.eligibility.catalogue_version
    case.eligible = check.eligibility.eligible
    case.cap_months = cap.months
    case.cap_regime = cap.regime
    case.cap_regime_en = cap.regime_en
    case.cap_legal_basis = cap.legal_basis
    case.cap_applies = cap.applies
    case.size_weight = size_weight(len(check.permits.permits))


def _submit(case: Case, actor: User, today: date) -> dict[str, Any]:
    """Re-check eligibility, move to ``submitted``, assign the contact person and
    let Invest in Denmark join for a foreign investor. Returns audit data."""
    run = run_check(case.facts)  # the one check computation; FactsError → 422
    check = run.result
    move(case, CaseStatus.SUBMITTED, "submit")
    store_check(case, run)
    facts = check.facts
    case.foreign_investor = facts.foreign_investor is True
    case.investor_country = (facts.investor_country or "")[:2].upper()
    case.fdi_screening_flagged = check.permits.get("fdi_screening") is not None
    case.submitted_at = instant(today)
    if facts.title:
        case.title = facts.title[:300]
    case.save()
    person = pick_contact_person()
    if person is not None:
        assign_contact(case, person, reason="automatic", automatic=True, actor=None)
    idk = join_invest_in_denmark(case, on=today) if case.foreign_investor else None
    return {
        "status": case.status,
        "eligible": case.eligible,
        "cap_months": case.cap_months,
        "contact_person": person.username if person else None,
        "invest_in_denmark": idk is not None,
        "fdi_screening_flagged": case.fdi_screening_flagged,
    }


def _notify_submitted(case: Case, actor: User, after: dict[str, Any]) -> None:
    event = record_event(
        action="case.submit", actor=actor, subject=case, organisation=case.company, after=after
    )
    notify(
        event=event,
        case=case,
        recipients=[*company_users(case), *contact(case)],
        subject=f"Ansøgning modtaget / application received: {case.reference}",
        body=case_line(case),
    )


def case_submit(*, actor: User, case: Case, today: date | None = None) -> Case:
    """Submit a draft (indsend ansøgning)."""
    with transaction.atomic():
        case = lock_case(case.pk)
        if actor.role != Role.COMPANY_USER or actor.organisation_id != case.company_id:
            raise NotFound()
        after = _submit(case, actor, today or local_today())
        _notify_submitted(case, actor, after)
    return case


def case_submit_new(
    *,
    actor: User,
    company_cvr: str,
    facts: Mapping[str, Any],
    idempotency_key: str | None,
    saved_check_id: int | None = None,
    today: date | None = None,
) -> tuple[Case, bool]:
    """``POST /api/v1/cases``: create and submit in one step.

    Returns ``(case, replayed)``. The same ``Idempotency-Key`` with the same
    body returns the first case; with another body it raises 422.
    """
    _require_company_user(actor, company_cvr)
    key = (idempotency_key or "").strip()[:200]
    digest = body_hash(
        {"facts": dict(facts), "company_cvr": company_cvr, "saved_check_id": saved_check_id}
    )
    if key:
        replay = _replay(actor, key, digest)
        if replay is not None:
            return replay, True
    try:
        with transaction.atomic():
            if saved_check_id is not None:
                facts, title = _saved_check(actor, saved_check_id)
            else:
                title = ""
            case = _new_case(actor, facts, title, saved_check_id)
            if key:
                IdempotencyKey.objects.create(key=key, user=actor, body_hash=digest, case=case)
            after = _submit(case, actor, today or local_today())
            after["idempotency_key"] = bool(key)
            _notify_submitted(case, actor, after)
    except IntegrityError:
        replay = _replay(actor, key, digest) if key else None
        if replay is None:
            raise
        return replay, True
    return case, False


def _replay(actor: User, key: str, digest: str) -> Case | None:
    row = IdempotencyKey.objects.filter(user=actor, key=key).select_related("case").first()
    if row is None:
        return None
    if row.body_hash != digest:
        raise CaseError(
            "idempotency_key_reused",
            "Idempotency-Key er allerede brugt til en anden ansøgning.",
            "The Idempotency-Key was already used for a different request body.",
        )
    return row.case


def case_withdraw(*, actor: User, case: Case, reason: str = "") -> Case:
    """The company withdraws its application before the clock starts."""
    with transaction.atomic():
        case = lock_case(case.pk)
        if actor.role != Role.COMPANY_USER or actor.organisation_id != case.company_id:
            raise NotFound()
        old = move(case, CaseStatus.WITHDRAWN, "withdraw")
        case.save(update_fields=["status", "updated_at"])
        event = record_event(
            action="case.withdraw",
            actor=actor,
            subject=case,
            organisation=case.company,
            before={"status": old},
            after={"status": case.status, "reason": reason.strip()},
        )
        notify(
            event=event,
            case=case,
            recipients=contact(case),
            subject=f"Ansøgning trukket tilbage / withdrawn: {case.reference}",
            body=f"{case_line(case)}\n{reason.strip()}",
        )
    return case
