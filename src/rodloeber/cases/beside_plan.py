"""Permits beside the case plan (ikke i planen): the possible permits the
navigator found, and those settled as not needed, with why, what happens if
they are needed and who may settle them.

The wording of the consequence and of "either X or Y" is the navigator's own
(``consequence_text`` / ``either_or_text``, the same as the plan preview); the
reason is the navigator answer stored on the case (``case.navigator``).
"""

from __future__ import annotations

from typing import Any

from rodloeber.accounts.models import User
from rodloeber.cases.models import GUIDANCE_CODE, Case, CaseStatus, PlanSnapshot
from rodloeber.cases.selectors import is_settleable, may_settle
from rodloeber.domain.catalogue import load_catalogue
from rodloeber.domain.navigator.model import consequence_text, either_or_text, is_planned


def _entries(case: Case) -> dict[str, dict[str, Any]]:
    return {
        str(p.get("code")): p for p in (case.navigator or {}).get("permits", []) if p.get("code")
    }


def beside_plan(case: Case, user: User, language: str) -> list[dict[str, Any]]:
    """Unplanned permits of ``case`` for the case page, in the page's language."""
    en = language == "en"
    entries = _entries(case)
    types = load_catalogue().permit_types
    running = case.clock_start is not None and case.status == CaseStatus.IN_PROGRESS
    out = []
    for permit in case.permits.order_by("position", "id"):
        if is_planned(permit.certainty) or permit.code not in entries:
            continue
        entry = entries[permit.code]
        item: dict[str, Any] = {
            "id": permit.pk,
            "code": permit.code,
            "name": permit.name_en if en else permit.name_da,
            "certainty": permit.certainty,
            "why": entry.get("why_en" if en else "why", ""),
            "consequence": "",
            "either_or": "",
            "can_settle": running and is_settleable(permit) and may_settle(user, permit),
            "fid": f"settle-{permit.pk}",
        }
        permit_type = types.get(permit.code)
        if permit_type is not None:
            text = consequence_text(
                permit_type,
                authority=str(entry.get("authority", permit.authority_name)),
                authority_en=str(entry.get("authority_en", permit.authority_name)),
                authority_level=permit.authority_level,
                counts_toward_cap=permit.counts_toward_cap,
            )
            item["consequence"] = text.en if en else text.da
        other = entries.get(str(entry.get("alternative_to") or ""))
        if other is not None:
            either = either_or_text(
                str(other["name_da"]), str(other["name_en"]), permit.name_da, permit.name_en
            )
            item["either_or"] = either.en if en else either.da
        out.append(item)
    return out


def added_after_baseline(case: Case) -> set[str]:
    """Codes of planned permits the frozen baseline does not hold: settled as needed
    after the acknowledgement (their "planned" dates are those of the day they were
    added, ADR 0036)."""
    snap = case.plans.filter(kind=PlanSnapshot.BASELINE).first()
    if snap is None:
        return set()
    in_baseline = {p.get("code") for p in snap.data.get("permits", [])}
    return {
        p.code
        for p in case.permits.exclude(code=GUIDANCE_CODE)
        if is_planned(p.certainty) and p.code not in in_baseline
    }
