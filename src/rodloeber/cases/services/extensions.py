"""Extension of the cap (fristforlængelse): the owning authority asks, the case
manager approves or rejects. Once per kind, within the regime's months
(NZIA art. 9(6)/(7), CRMA art. 11(4)), with written reasons (NZIA art. 9(8))."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, Forbidden, IllegalTransition
from rodloeber.cases.models import (
    CaseStatus,
    ClockEvent,
    ClockEventKind,
    ExtensionRequest,
    Permit,
    RequestStatus,
)
from rodloeber.cases.notify import authority_users, case_line, company_users, contact, notify
from rodloeber.cases.planning import case_clock, replan
from rodloeber.cases.selectors import editable_permits
from rodloeber.cases.services.common import (
    local_today,
    lock_case,
    require_case_manager,
    require_text,
)
from rodloeber.domain.planning import Extension, extension_rules_for
from rodloeber.domain.planning.errors import ExtensionError


def extension_request(
    *, actor: User, permit: Permit, months: int, reason: str, kind: str = "standard"
) -> ExtensionRequest:
    """The authority owning ``permit`` asks to extend the case's cap."""
    text = require_text(reason, "en skriftlig begrundelse", "written reasons")
    with transaction.atomic():
        case = lock_case(permit.case_id)
        if not editable_permits(actor).filter(pk=permit.pk).exists():
            raise Forbidden()
        if case.status != CaseStatus.IN_PROGRESS:
            raise IllegalTransition(case.status, "extension_request")
        rules = {r.kind: r for r in extension_rules_for(case.cap_regime)}
        rule = rules.get(kind)
        if rule is None:
            raise CaseError(
                "extension_kind",
                f"Regimet tillader ikke fristforlængelse af typen '{kind}'.",
                f"The regime does not allow an extension of kind '{kind}'.",
            )
        if not 0 < months <= rule.max_months:
            raise CaseError(
                "extension_months",
                f"Fristforlængelse højst {rule.max_months} måneder ({rule.legal_basis}).",
                f"An extension may be at most {rule.max_months} months ({rule.legal_basis}).",
            )
        used = case.extension_requests.filter(
            kind=kind, status__in=[RequestStatus.PENDING, RequestStatus.APPROVED]
        ).count()
        if used >= rule.max_count:
            raise CaseError(
                "extension_once",
                f"Fristen kan kun forlænges {rule.max_count} gang(e) ({rule.legal_basis}); "
                "der er allerede en anmodning eller forlængelse.",
                f"The cap may be extended only {rule.max_count} time(s) ({rule.legal_basis}); "
                "there is already a request or extension.",
            )
        request = ExtensionRequest.objects.create(
            case=case, permit=permit, kind=kind, months=months, reason=text, requested_by=actor
        )
        event = record_event(
            action="extension.request",
            actor=actor,
            subject=request,
            after={"case": case.reference, "permit": permit.code, "months": months, "kind": kind},
        )
        notify(
            event=event,
            case=case,
            recipients=contact(case),
            subject=f"Anmodning om fristforlængelse / extension requested: {case.reference}",
            body=f"{case_line(case)}\n+{months} mdr./months: {text}",
        )
    return request


def extension_decide(
    *,
    actor: User,
    request: ExtensionRequest,
    approve: bool,
    reason: str,
    today: date | None = None,
    plan_samples: int | None = None,
) -> ExtensionRequest:
    """The case manager approves or rejects an extension request, with reasons."""
    require_case_manager(actor)
    text = require_text(reason, "en begrundelse", "a reason")
    on = today or local_today()
    with transaction.atomic():
        case = lock_case(request.case_id)
        request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.PENDING:
            raise IllegalTransition(request.status, "extension_decide")
        if approve:
            try:
                case_clock(
                    case,
                    extra=Extension(
                        months=request.months,
                        reason=request.reason,
                        decided_on=on,
                        kind=request.kind,
                    ),
                )
            except ExtensionError as exc:
                raise CaseError("extension_rule", exc.message_da, exc.message_en) from exc
        request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
        request.decided_by = actor
        request.decided_on = on
        request.decision_reason = text
        request.save()
        if approve:
            ClockEvent.objects.create(
                case=case, kind=ClockEventKind.EXTENDED, on=on, note=f"+{request.months}: {text}"
            )
            replan(case, today=on, n_samples=plan_samples)
        event = record_event(
            action="extension.decide",
            actor=actor,
            subject=request,
            after={
                "case": case.reference,
                "status": request.status,
                "months": request.months,
                "reason": text,
                "cap_deadline": case.cap_deadline,
            },
        )
        owner_id = Permit.objects.get(pk=request.permit_id).owner_id
        notify(
            event=event,
            case=case,
            recipients=[
                *company_users(case),
                *authority_users([owner_id] if owner_id else []),
            ],
            subject=f"Fristforlængelse {request.status} / extension {request.status}: "
            f"{case.reference}",
            body=f"{case_line(case)}\n+{request.months}: {text}\nFrist / deadline "
            f"{case.cap_deadline}",
        )
    return request
