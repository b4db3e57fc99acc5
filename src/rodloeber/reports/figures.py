"""Public statistics on one-stop-shop cases (offentlig statistik), computed from
the case models and suppressed with the rule in ``data/statistics.yaml``.

Only non-draft cases count; synthetic demo cases count only in demo mode and
then every figure says "syntetiske demodata". No company, person or free text
leaves this module: figures are counts, durations and shares by category.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from rodloeber.accounts.models import Organisation
from rodloeber.accounts.roles import OrgKind
from rodloeber.cases.models import (
    GUIDANCE_CODE,
    Case,
    CaseStatus,
    Permit,
)
from rodloeber.domain import statistics as st
from rodloeber.domain.catalogue import load_catalogue
from rodloeber.reports.tables import TEXT, Column, Figure

RULES_FILE = Path(__file__).parent / "data" / "statistics.yaml"
CRITERIA_ORDER = ("A", "B1", "B2", "C")


@cache
def min_group_size() -> int:
    """The suppression threshold (rule data)."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return int(data["min_group_size"])


@dataclass(frozen=True)
class Scope:
    """Which cases count: demo cases only when ``include_demo``."""

    include_demo: bool
    today: date

    @classmethod
    def default(cls, today: date | None = None) -> Scope:
        return cls(
            bool(getattr(settings, "RODLOEBER_DEMO_MODE", False)), today or timezone.localdate()
        )


def counted_cases(scope: Scope) -> QuerySet[Case]:
    qs = Case.objects.exclude(status=CaseStatus.DRAFT)
    if not scope.include_demo:
        qs = qs.filter(synthetic=False)
    return qs


def primary_category(eligibility: dict[str, Any] | None) -> tuple[str, str, str]:
    """(code, Danish, English) of the first criterion met (A, B1, B2, C)."""
    met = [c for c in (eligibility or {}).get("criteria", []) if c.get("met")]
    met.sort(key=lambda c: CRITERIA_ORDER.index(c["code"]) if c["code"] in CRITERIA_ORDER else 9)
    if not met:
        return ("none", "Ingen kriterier opfyldt", "No criterion met")
    c = met[0]
    return (
        c["code"],
        f"{c['code']}: {c.get('name_da', '')}".strip(": "),
        f"{c['code']}: {c.get('name_en', '')}".strip(": "),
    )


@cache
def _regions() -> dict[str, tuple[str, str]]:
    return {
        o.authority_code or "": (o.region_code, o.region_name)
        for o in Organisation.objects.filter(kind=OrgKind.MUNICIPALITY)
    }


def region_of(case: Case) -> tuple[str, str]:
    kode = ((case.facts or {}).get("site") or {}).get("kommune_kode") or ""
    code, name = _regions().get(kode, ("", ""))
    if not code:
        _regions.cache_clear()
        code, name = _regions().get(kode, ("", ""))
    return (code or "unknown", name or "Ukendt region")


def _count_figure(
    key: str,
    titles: tuple[str, str, str, str],
    groups: dict[str, tuple[str, str, int]],
    synthetic: bool,
) -> Figure:
    mg = min_group_size()
    shown = st.suppress_counts({k: v[2] for k, v in groups.items()}, min_group=mg)
    return Figure(
        key=key,
        title_da=titles[0],
        title_en=titles[1],
        desc_da=titles[2],
        desc_en=titles[3],
        columns=[Column("label", "Gruppe", "Group", TEXT), Column("cases", "Sager", "Cases")],
        rows=[
            {"key": k, "label": v[0], "label_en": v[1], "cases": shown[k]}
            for k, v in sorted(groups.items(), key=lambda kv: kv[0])
        ],
        chart="bar",
        chart_value="cases",
        synthetic=synthetic,
    )


def case_breakdowns(scope: Scope) -> list[Figure]:
    """Cases by eligibility category, status and region."""
    cases = list(counted_cases(scope))
    synthetic = any(c.synthetic for c in cases)
    by_cat: dict[str, tuple[str, str, int]] = {}
    by_region: dict[str, tuple[str, str, int]] = {}
    by_status: dict[str, tuple[str, str, int]] = {}
    labels_en = {
        "submitted": "Submitted",
        "information_requested": "Waiting for information",
        "in_progress": "In progress",
        "decided": "Decided",
        "not_eligible": "Not eligible",
        "withdrawn": "Withdrawn",
    }
    labels_da = {
        "submitted": "Indsendt",
        "information_requested": "Afventer oplysninger",
        "in_progress": "Under behandling",
        "decided": "Afgjort",
        "not_eligible": "Ikke omfattet",
        "withdrawn": "Trukket tilbage",
    }
    for s in labels_da:
        by_status[s] = (labels_da[s], labels_en[s], 0)
    # Every criterion is a row, also with no cases, so the breakdowns add up.
    criteria = load_catalogue().eligibility_criteria
    for code in CRITERIA_ORDER:
        rule = criteria.get(code)
        da, en = (rule.name_da, rule.name_en) if rule is not None else ("", "")
        by_cat[code] = (f"{code}: {da}".strip(": "), f"{code}: {en}".strip(": "), 0)
    by_cat["none"] = ("Ingen kriterier opfyldt", "No criterion met", 0)
    for c in cases:
        code, da, en = primary_category(c.eligibility)
        old_cat = by_cat.get(code, (da, en, 0))
        by_cat[code] = (old_cat[0] or da, old_cat[1] or en, old_cat[2] + 1)
        rcode, rname = region_of(c)
        by_region[rcode] = (rname, rname, by_region.get(rcode, (rname, rname, 0))[2] + 1)
        old = by_status[c.status]
        by_status[c.status] = (old[0], old[1], old[2] + 1)
    return [
        _count_figure(
            "cases-by-category",
            (
                "Sager efter kriterium",
                "Cases by eligibility criterion",
                "Antal sager i Én indgang efter det første opfyldte kriterium (A, B1, B2, C).",
                "Number of one-stop-shop cases by the first criterion met (A, B1, B2, C).",
            ),
            by_cat,
            synthetic,
        ),
        _count_figure(
            "cases-by-status",
            (
                "Sager efter status",
                "Cases by status",
                "Antal indsendte sager efter deres nuværende status.",
                "Number of submitted cases by their current status.",
            ),
            by_status,
            synthetic,
        ),
        _count_figure(
            "cases-by-region",
            (
                "Sager efter region",
                "Cases by region",
                "Antal sager efter regionen, hvor projektet ligger.",
                "Number of cases by the region where the project is located.",
            ),
            by_region,
            synthetic,
        ),
    ]


def decided_permits(scope: Scope) -> list[tuple[Permit, int]]:
    """Decided permits with their processing time (days from the clock start)."""
    qs = (
        Permit.objects.filter(
            case__in=counted_cases(scope),
            decision_date__isnull=False,
            case__clock_start__isnull=False,
        )
        .exclude(code=GUIDANCE_CODE)
        .select_related("case", "owner")
    )
    return [(p, (p.decision_date - p.case.clock_start).days) for p in qs]  # type: ignore[operator]
