"""Call-in (hjemtagelse): a municipality asks a state authority to take over one
of its permits; the state authority accepts or declines with reasons. On
acceptance the competence moves; the CallIn row and the audit trail keep the
history; every party is notified."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import OrgKind, Role
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, Forbidden, IllegalTransition, NotFound
from rodloeber.cases.models import (
    CallIn,
    CaseParty,
    CaseStatus,
    PartyRole,
    Permit,
    PermitStatus,
    RequestStatus,
)
from rodloeber.cases.notify import all_parties, authority_users, case_line, notify
from rodloeber.cases.selectors import editable_permits
from rodloeber.cases.services.common import lock_case, require_text


def _lock_permit(permit_id: int) -> Permit:
    return Permit.objects.select_for_update(of=("self",)).select_related("owner").get(pk=permit_id)


def callin_request(*, actor: User, permit: Permit, to_authority_code: str, reason: str) -> CallIn:
    """The owning municipality asks ``to_authority_code`` (a state authority) to take over."""
    text = require_text(reason, "en begrundelse", "a reason")
    with transaction.atomic():
        case = lock_case(permit.case_id)
        if not editable_permits(actor).filter(pk=permit.pk).exists():
            raise Forbidden()
        permit = _lock_permit(permit.pk)
        if permit.owner is None or permit.owner.kind != OrgKind.MUNICIPALITY:
            raise CaseError(
                "callin_municipal_only",
                "Kun en kommune kan bede staten om at hjemtage en tilladelse.",
                "Only a municipality can ask the state to take over a permit.",
            )
        if permit.status == PermitStatus.DECIDED or case.status != CaseStatus.IN_PROGRESS:
            raise IllegalTransition(permit.status, "call_in")
        target = Organisation.objects.filter(
            authority_code=to_authority_code.strip(), kind=OrgKind.STATE_AUTHORITY
        ).first()
        if target is None:
            raise CaseError(
                "callin_target",
                "Angiv en statslig myndighed (myndighedskode, fx MST).",
                "Name a state authority (authority code, e.g. MST).",
            )
        if permit.call_ins.filter(status=RequestStatus.PENDING).exists():
            raise CaseError(
                "callin_pending",
                "Der er allerede en anmodning om hjemtagelse af denne tilladelse.",
                "There is already a pending call-in for this permit.",
            )
        call_in = CallIn.objects.create(
            permit=permit, from_org=permit.owner, to_org=target, reason=text, requested_by=actor
        )
        event = record_event(
            action="callin.request",
            actor=actor,
            subject=call_in,
            after={"case": case.reference, "permit": permit.code, "to": target.authority_code},
        )
        notify(
            event=event,
            case=case,
            recipients=[*authority_users([target.pk]), *all_parties(case)],
            subject=f"Anmodning om hjemtagelse / call-in requested: {case.reference}",
            body=f"{case_line(case)}\n{permit.name_da}: {permit.owner.name} → {target.name}\n"
            f"{text}",
            exclude=actor,
        )
    return call_in


def _pending_for(actor: User, permit: Permit) -> CallIn:
    if actor.role != Role.AUTHORITY_CASEWORKER or actor.organisation_id is None:
        raise NotFound()
    call_in = (
        CallIn.objects.select_for_update()
        .filter(permit=permit, status=RequestStatus.PENDING, to_org_id=actor.organisation_id)
        .first()
    )
    if call_in is None:
        raise NotFound()
    return call_in


def callin_decide(*, actor: User, permit: Permit, accept: bool, reason: str) -> CallIn:
    """The state authority accepts (competence moves) or declines, with reasons."""
    text = require_text(reason, "en begrundelse", "a reason") if not accept else reason.strip()
    with transaction.atomic():
        case = lock_case(permit.case_id)
        permit = _lock_permit(permit.pk)
        call_in = _pending_for(actor, permit)
        old_owner = permit.owner
        call_in.status = RequestStatus.APPROVED if accept else RequestStatus.REJECTED
        call_in.decided_by = actor
        call_in.decided_at = timezone.now()
        call_in.decision_reason = text
        call_in.save()
        if accept:
            assert actor.organisation is not None
            permit.owner = actor.organisation
            permit.authority_name = actor.organisation.name
            permit.authority_code = actor.organisation.authority_code or ""
            permit.authority_level = "state"
            permit.called_in = True
            permit.save()
            CaseParty.objects.get_or_create(
                case=case, organisation=actor.organisation, role=PartyRole.AUTHORITY
            )
            if old_owner is not None and not case.permits.filter(owner=old_owner).exists():
                CaseParty.objects.filter(
                    case=case, organisation=old_owner, role=PartyRole.AUTHORITY
                ).update(left_at=timezone.now())
        event = record_event(
            action="callin.accept" if accept else "callin.decline",
            actor=actor,
            subject=call_in,
            before={"owner": old_owner.authority_code if old_owner else None},
            after={
                "case": case.reference,
                "permit": permit.code,
                "owner": permit.owner.authority_code if permit.owner else None,
                "reason": text,
            },
        )
        verb = "accepteret / accepted" if accept else "afslået / declined"
        notify(
            event=event,
            case=case,
            recipients=[
                *all_parties(case),
                *authority_users([old_owner.pk] if old_owner else []),
            ],
            subject=f"Hjemtagelse {verb}: {case.reference}",
            body=f"{case_line(case)}\n{permit.name_da}: {verb}\n{text}",
            exclude=actor,
        )
    return call_in
