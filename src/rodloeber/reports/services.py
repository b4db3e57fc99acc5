"""Writes in reports: seeding Tabel 1 and recording actual spending. Each is
keyword-only, runs in one transaction and writes exactly one audit event."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.domain.errors import DomainError
from rodloeber.reports.access import can_enter_spending
from rodloeber.reports.budget import load_budget, seed_budget
from rodloeber.reports.models import BudgetAllocation, BudgetLine, BudgetSpend

#: Largest amount accepted for one line and year (mio. kr.): a typo guard.
MAX_SPEND_MDKK = Decimal("1000")


class BudgetError(DomainError):
    """Invalid spending entry (422); bilingual."""

    def __init__(self, code: str, message_da: str, message_en: str, field: str = "") -> None:
        self.code = code
        self.field = field
        super().__init__(message_da, message_en)


def budget_seed(*, actor: User | None) -> int:
    """Load Tabel 1 from ``data/budget.yaml`` (idempotent); returns rows changed."""
    with transaction.atomic():
        changed = seed_budget(BudgetLine, BudgetAllocation, load_budget())
        record_event(
            action="budget.seed",
            actor=actor,
            subject_type="reports.budgetline",
            subject_id="tabel-1",
            after={"changed": changed},
            actor_label="" if actor else "system",
        )
    return changed


def budget_spend_record(
    *, actor: User, line: BudgetLine, year: int, amount_mdkk: str | Decimal, note: str = ""
) -> BudgetSpend:
    """Record the actual spending of a sub-line in a year (mio. kr.)."""
    if not can_enter_spending(actor):
        raise BudgetError(
            "forbidden",
            "Kun ministeriets analytikere kan registrere forbrug.",
            "Only ministry analysts can record spending.",
        )
    if line.children.exists():
        raise BudgetError(
            "not_a_sub_line",
            "Forbrug registreres på de enkelte underlinjer (heraf til myndighed).",
            "Spending is recorded on the sub-lines (of which to an authority).",
            "line",
        )
    if not BudgetAllocation.objects.filter(line=line, year=year).exists():
        raise BudgetError(
            "year_outside_budget",
            "Året ligger uden for aftalens budgetperiode.",
            "The year is outside the agreement's budget period.",
            "year",
        )
    try:
        amount = Decimal(str(amount_mdkk).replace(",", ".").strip())
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0 or amount > MAX_SPEND_MDKK:
        raise BudgetError(
            "invalid_amount",
            "Beløbet skal være et tal mellem 0 og 1000 mio. kr.",
            "The amount must be a number between 0 and 1000 DKK million.",
            "amount_mdkk",
        )
    if amount != amount.quantize(Decimal("0.001")):
        raise BudgetError(
            "too_many_decimals",
            "Beløbet kan højst have tre decimaler (1.000 kr.).",
            "The amount can have at most three decimals (DKK 1,000).",
            "amount_mdkk",
        )
    with transaction.atomic():
        previous = BudgetSpend.objects.filter(line=line, year=year).first()
        spend = BudgetSpend.objects.create(
            line=line, year=year, amount_mdkk=amount, note=note.strip(), entered_by=actor
        )
        record_event(
            action="budget.spend_record",
            actor=actor,
            subject=spend,
            before={"amount_mdkk": str(previous.amount_mdkk)} if previous else None,
            after={"line": line.code, "year": year, "amount_mdkk": str(amount)},
        )
    return spend
