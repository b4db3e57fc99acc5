"""Turn a stored check result (CheckResult JSON) into what the result page shows.

The page is drawn from the JSON shape (``CheckResult.to_dict()``) so a fresh
result and a saved check (gemt tjek) look the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from rodloeber.checks.graph import layout
from rodloeber.checks.guidance import matched_guidance
from rodloeber.domain.catalogue import load_catalogue

LEVEL_ORDER = ("state", "regional", "municipal", "museum", "company", "embedded")
CRITERION_STEP = {"A": 1, "B1": 1, "B2": 3, "C": 2, "production_company": 3}


def _level_label(level: str) -> str:
    labels = {
        "state": _("State authority"),
        "regional": _("Region"),
        "municipal": _("Municipality"),
        "museum": _("Museum"),
        "company": _("The company itself (milestone, not a permit)"),
        "embedded": _("Part of another decision"),
    }
    return labels.get(level, level)


def _threshold_text(language: str) -> str:
    threshold = int(load_catalogue().criterion("B1").number("threshold_dkk"))
    text = f"{threshold:,}"
    return text.replace(",", ".") if language == "da" else text


def _what_would_change(code: str, language: str) -> str:
    if code == "A":
        return _(
            "Manufacturing a net-zero technology on the NZIA list, or a project on critical "
            "raw materials, meets this criterion."
        )
    if code == "B1":
        return _("A planned investment of at least DKK %(amount)s meets this criterion.") % {
            "amount": _threshold_text(language)
        }
    if code == "B2":
        return _(
            "This criterion is met when the project needs permits from both a state authority "
            "and the municipality. It follows from the permits below; answering more questions "
            "can settle it."
        )
    if code == "production_company":
        return _(
            "A listed activity that needs an environmental approval, or a duty of regular "
            "environmental inspection, makes the company a production company."
        )
    return _("Settling in a designated industrial park meets this criterion.")


def _criteria(items: Sequence[Mapping[str, Any]], en: bool, language: str) -> list[dict[str, Any]]:
    rows = []
    for c in items:
        if c["met"]:
            status, label = "met", _("Met")
        elif c["possibly_met"]:
            status, label = "possibly", _("Unknown: may be met")
        else:
            status, label = "not_met", _("Not met")
        rows.append(
            {
                "code": c["code"],
                "name": c["name_en"] if en else c["name_da"],
                "status": status,
                "status_label": label,
                "reason": c["reason_en"] if en else c["reason"],
                "legal_basis": c["legal_basis"],
                "change": "" if c["met"] else _what_would_change(c["code"], language),
                "step": CRITERION_STEP.get(c["code"], 1),
            }
        )
    return rows


def _cap(cap: Mapping[str, Any], en: bool) -> dict[str, Any]:
    applies = {"yes": _("Applies"), "no": _("Does not apply"), "unknown": _("Unknown")}
    considered = [
        {
            "regime": r["regime_en"] if en else r["regime"],
            "months": r["months"],
            "applies": r["applies"],
            "applies_label": applies.get(r["applies"], r["applies"]),
            "legal_basis": r["legal_basis"],
            "binding": r["code"] == cap.get("regime_code"),
            "verified": r.get("verified", True),
        }
        for r in cap.get("considered", [])
    ]
    return {
        "months": cap.get("months"),
        "regime": cap.get("regime_en") if en else cap.get("regime"),
        "legal_basis": cap.get("legal_basis"),
        "extension_months": cap.get("extension_months"),
        "considered": considered,
        "possibly_shorter": [
            {
                "regime": r["regime_en"] if en else r["regime"],
                "months": r["months"],
                "reason": r.get("reason_en" if en else "reason", ""),
            }
            for r in cap.get("possibly_shorter", [])
        ],
    }


def _permits(items: Sequence[Mapping[str, Any]], en: bool) -> list[dict[str, Any]]:
    names = {p["code"]: p["name_en"] if en else p["name_da"] for p in items}
    rows = []
    for p in items:
        unit = p.get("service_target_unit", "calendar")
        rows.append(
            {
                "code": p["code"],
                "name": names[p["code"]],
                "authority": p["authority_en"] if en else p["authority"],
                "level": p["authority_level"],
                "required": p["certainty"] == "required",
                "why": p["why_en"] if en else p["why"],
                "legal_basis": p["legal_basis"],
                "days": p.get("service_target_days"),
                "working_days": unit == "working",
                "after": [names[d] for d in p.get("depends_on", []) if d in names],
                # issue #15 item 8: an alternative is "either that or this", never both
                "alternative_to": names.get(p.get("alternative_to") or ""),
            }
        )
    return rows


def _groups(permits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple[int, str], dict[str, Any]] = {}
    for p in permits:
        level = p["level"]
        rank = LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)
        group = groups.setdefault(
            (rank, p["authority"]),
            {"authority": p["authority"], "level_label": _level_label(level), "permits": []},
        )
        group["permits"].append(p)
    return [groups[k] for k in sorted(groups)]


def _assumptions(elig: Mapping[str, Any], nav: Mapping[str, Any], en: bool) -> list[str]:
    key = "assumptions_en" if en else "assumptions"
    return list(dict.fromkeys([*elig.get(key, []), *nav.get(key, [])]))


def result_context(
    facts: Mapping[str, Any], result: Mapping[str, Any], language: str
) -> dict[str, Any]:
    """Everything the result template needs, in ``language``."""
    en = language == "en"
    elig, nav = result["eligibility"], result["navigator"]
    permits = _permits(nav["permits"], en)
    if elig["eligible"]:
        status = "eligible"
    elif elig["possibly_eligible"]:
        status = "possibly"
    else:
        status = "not_eligible"
    codes = [p["code"] for p in nav["permits"]]
    graph = layout(nav["permits"], "name_en" if en else "name_da")
    names = {p["code"]: p["name"] for p in permits}
    return {
        "status": status,
        "gate_failed": any(not p["possibly_met"] for p in elig.get("preconditions", [])),
        "preconditions": _criteria(elig.get("preconditions", []), en, language),
        "may_apply": [
            {"text": r["text_en" if en else "text"], "legal_basis": r["legal_basis"]}
            for r in elig.get("may_apply", [])
        ],
        "criteria": _criteria(elig["criteria"], en, language),
        "cap": _cap(elig["cap"], en),
        "permits": permits,
        "groups": _groups(permits),
        "required_count": sum(1 for p in permits if p["required"]),
        "possible_count": sum(1 for p in permits if not p["required"]),
        "graph": graph,
        "waves": [[names[c] for c in level] for level in graph.levels],
        "guidance": [
            {
                "title": g.title_en if en else g.title_da,
                "act": g.act,
                "summary": g.summary_en if en else g.summary_da,
                "url": g.url,
            }
            for g in matched_guidance(facts, codes)
        ],
        "assumptions": _assumptions(elig, nav, en),
        "catalogue_version": nav.get("catalogue_version") or elig.get("catalogue_version"),
    }
