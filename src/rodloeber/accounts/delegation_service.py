"""Voluntary delegation between municipalities (bemyndigelse), L 206 § 15.

A municipal council may, by agreement, authorise another council to handle its
authority tasks for applications under the law (§ 15, stk. 1): building
permits (byggeloven § 16), environmental approvals and discharge/connection
permits (miljøbeskyttelsesloven §§ 33 and 28, stk. 1 and 3), and EIA screening
and permits (miljøvurderingsloven §§ 21 and 25). Both councils decide in a
meeting (stk. 3); the delegating council publishes the agreement (stk. 4).
Source: LOV nr. 697 af 20/06/2025 § 15 [V]. Other § 15 items (naturbeskyttelses-
loven §§ 16-19, beredskabsloven §§ 34-37) have no permit type in the catalogue yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.administration_service import require_administrator
from rodloeber.accounts.errors import AccountError
from rodloeber.accounts.models import Delegation, Organisation, User
from rodloeber.accounts.roles import OrgKind
from rodloeber.audit.services import record_event

LEGAL_BASIS = "L 206 (LOV nr. 697 af 20/06/2025) § 15"
#: Permit types (catalogue codes) a municipality may delegate, with their § 15 stk. 1 item.
DELEGABLE: dict[str, str] = {
    "building_permit": "byggeloven § 16",
    "environmental_approval": "miljøbeskyttelsesloven § 33",
    "discharge_permit": "miljøbeskyttelsesloven § 28, stk. 1",
    "sewer_connection_permit": "miljøbeskyttelsesloven § 28, stk. 3",
    "eia_screening": "miljøvurderingsloven § 21",
    "eia_permit": "miljøvurderingsloven § 25",
}


def delegate_for(owner: Organisation | None, permit_code: str) -> Organisation | None:
    """The municipality that handles ``permit_code`` for ``owner`` by delegation, if any."""
    return delegates_for([(owner, permit_code)])[0]


def delegates_for(
    pairs: Sequence[tuple[Organisation | None, str]],
) -> list[Organisation | None]:
    """:func:`delegate_for` for many (owner, permit code) pairs in one query:
    the delegate of each pair, in order (None where there is none). The newest
    running delegation that names the permit wins."""
    asked = [
        owner.pk if owner and owner.kind == OrgKind.MUNICIPALITY and code in DELEGABLE else None
        for owner, code in pairs
    ]
    from_ids = {pk for pk in asked if pk is not None}
    if not from_ids:
        return [None] * len(pairs)
    running: dict[int, list[Delegation]] = {}
    for d in Delegation.objects.filter(
        from_org_id__in=from_ids, ended_at__isnull=True
    ).select_related("to_org"):  # newest first (Meta.ordering)
        running.setdefault(d.from_org_id, []).append(d)
    return [
        None
        if pk is None
        else next((d.to_org for d in running.get(pk, []) if code in d.permit_codes), None)
        for pk, (_owner, code) in zip(asked, pairs, strict=True)
    ]


def delegation_create(
    *,
    actor: User,
    from_org: Organisation,
    to_org: Organisation,
    permit_codes: list[str],
    council_decision_on: date,
    published_url: str,
) -> Delegation:
    require_administrator(actor)
    if from_org.kind != OrgKind.MUNICIPALITY or to_org.kind != OrgKind.MUNICIPALITY:
        raise AccountError(
            "delegation_municipalities",
            "Kun en kommune kan bemyndige en anden kommune (L 206 § 15).",
            "Only a municipality can authorise another municipality (L 206 s. 15).",
        )
    if from_org.pk == to_org.pk:
        raise AccountError(
            "delegation_self",
            "Vælg en anden kommune end den, der bemyndiger.",
            "Choose another municipality than the delegating one.",
        )
    codes = sorted(set(permit_codes))
    if not codes or any(c not in DELEGABLE for c in codes):
        raise AccountError(
            "delegation_permits",
            "Vælg mindst én tilladelsestype, som L 206 § 15, stk. 1 tillader at delegere.",
            "Choose at least one permit type that L 206 s. 15(1) allows to delegate.",
        )
    if council_decision_on > timezone.localdate():
        raise AccountError(
            "delegation_date",
            "Datoen for kommunalbestyrelsens beslutning kan ikke ligge i fremtiden.",
            "The date of the council decision cannot be in the future.",
        )
    url = published_url.strip()
    if not url.startswith(("https://", "http://")):
        raise AccountError(
            "delegation_published",
            "Angiv webadressen, hvor aftalen er offentliggjort (L 206 § 15, stk. 4).",
            "Give the web address where the agreement is published (L 206 s. 15(4)).",
        )
    with transaction.atomic():
        taken = {
            c
            for d in Delegation.objects.select_for_update().filter(
                from_org=from_org, ended_at__isnull=True
            )
            for c in d.permit_codes
        }
        if taken & set(codes):
            raise AccountError(
                "delegation_exists",
                "Der er allerede en aktiv bemyndigelse for en af tilladelsestyperne. "
                "Afslut den først.",
                "An active delegation already covers one of the permit types. End it first.",
            )
        delegation = Delegation.objects.create(
            from_org=from_org,
            to_org=to_org,
            permit_codes=codes,
            council_decision_on=council_decision_on,
            published_url=url,
            created_by=actor,
        )
        record_event(
            action="org.delegate",
            actor=actor,
            subject=delegation,
            organisation=from_org,
            after={
                "from": from_org.authority_code,
                "to": to_org.authority_code,
                "permits": codes,
                "council_decision_on": council_decision_on.isoformat(),
                "published_url": url,
            },
        )
    return delegation


def delegation_end(*, actor: User, delegation: Delegation) -> Delegation:
    """End a delegation (opsigelse); permits already routed stay with the delegate."""
    require_administrator(actor)
    with transaction.atomic():
        d = Delegation.objects.select_for_update().get(pk=delegation.pk)
        if d.ended_at is not None:
            raise AccountError(
                "delegation_ended",
                "Bemyndigelsen er allerede afsluttet.",
                "The delegation has already ended.",
            )
        d.ended_at = timezone.now()
        d.save(update_fields=["ended_at"])
        record_event(
            action="org.delegation_end",
            actor=actor,
            subject=d,
            organisation=d.from_org,
            after={"ended_at": d.ended_at.isoformat()},
        )
    return d
