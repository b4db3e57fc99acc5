"""What the step template needs: each question with its value, choices and error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from rodloeber.accounts.reference import municipalities
from rodloeber.checks.answers import LAT, LON, UNKNOWN_SUFFIX, Answers, field_names
from rodloeber.checks.questions import (
    CHOICE,
    MULTI,
    NONE,
    POINT,
    SELECT,
    TONNES,
    UNKNOWN,
    YESNO,
    Question,
    Step,
)
from rodloeber.checks.steps import STEPS
from rodloeber.domain.catalogue import load_catalogue


def _options(q: Question, en: bool) -> list[tuple[str, str, str]]:
    """(value, label, group) for a question's choices."""
    cat = load_catalogue()
    dont_know = str(_("Don't know"))
    if q.kind == YESNO:
        return [("yes", str(_("Yes")), ""), ("no", str(_("No")), ""), (UNKNOWN, dont_know, "")]
    if q.kind == CHOICE:
        return [(value, str(label), "") for value, label in q.choices]
    if q.source == "kommuner":
        items = sorted(municipalities(), key=lambda m: m.name)
        return [("", dont_know, "")] + [(m.code, m.name_en if en else m.name, "") for m in items]
    if q.source == "nzia":
        techs = [
            (t.key, f"{t.name_en if en else t.name_da} ({t.point})", "")
            for t in cat.nzia_technologies.values()
        ]
        return [("", dont_know, ""), (NONE, str(_("None of these")), ""), *techs]
    if q.source == "ied":
        annex = {
            "bilag1": str(_("Annex 1 (industrial emissions, IED)")),
            "bilag2": str(_("Annex 2")),
        }
        listings = [
            (
                code,
                _listing_label(code, item.text_en if en else item.text_da),
                annex.get(item.annex, item.annex),
            )
            for code, item in cat.ied_listings.items()
        ]
        return [*listings, (NONE, str(_("None of these")), ""), (UNKNOWN, dont_know, "")]
    if q.source == "crma":
        strategic = str(_("Strategic and critical raw materials (CRMA Annex I and II)"))
        critical = str(_("Critical raw materials (CRMA Annex II)"))
        materials = sorted(
            cat.crma_materials.values(),
            key=lambda m: (not m.strategic, m.name_en if en else m.name_da),
        )
        return [
            *[
                (m.key, m.name_en if en else m.name_da, strategic if m.strategic else critical)
                for m in materials
            ],
            (NONE, str(_("None of these")), ""),
            (UNKNOWN, dont_know, ""),
        ]
    if q.source == "ets":
        acts = [(key, a.name_en if en else a.name_da, "") for key, a in cat.ets_activities.items()]
        return [*acts, (NONE, str(_("None of these")), ""), (UNKNOWN, dont_know, "")]
    return []


def _listing_label(code: str, text: str) -> str:
    """ "4.2.a: text" with the official listing point; a placeholder key such as
    ``bilag1:battery_manufacturing`` (point not yet known) shows the text only."""
    point = code.split(":", 1)[1]
    return text if "_" in point or not any(ch.isdigit() for ch in point) else f"{point}: {text}"


def _id(q: Question, value: str) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in value) or "blank"
    return f"{q.input_id}-{slug}"


def question_context(
    q: Question, answers: Mapping[str, object], error: str, language: str
) -> dict[str, Any]:
    """One question for ``checks/_question.html``."""
    en = language == "en"
    raw = answers.get(q.name)
    value = raw if isinstance(raw, str) else ""
    values = [str(v) for v in raw] if isinstance(raw, list) else ([value] if value else [])
    ctx: dict[str, Any] = {
        "q": q,
        "id": q.input_id,
        "value": value,
        "error": error,
        "unknown": bool(answers.get(q.name + UNKNOWN_SUFFIX)),
        "unknown_name": q.name + UNKNOWN_SUFFIX,
        # "kind=expansion;crma_strategic=yes,unknown" for check.js
        "shown_if": ";".join(f"{name}={','.join(vals)}" for name, vals in q.shown_if),
    }
    if q.kind in (YESNO, CHOICE, MULTI, SELECT):
        ctx["options"] = [
            {
                "value": v,
                "label": label,
                "group": group,
                "id": _id(q, v),
                "checked": v in values,
                "exclusive": v in (NONE, UNKNOWN) and q.kind == MULTI,
            }
            for v, label, group in _options(q, en)
        ]
        ctx["first_id"] = ctx["options"][0]["id"] if q.kind != SELECT else q.input_id
    if q.kind == TONNES:
        ctx["substances"] = [
            {
                "name": f"haz_{key}",
                "id": f"q-haz-{key}",
                "label": s.name_en if en else s.name_da,
                "value": answers.get(f"haz_{key}", ""),
                "thresholds": f"{s.lower_tier_t:g} / {s.upper_tier_t:g}",
            }
            for key, s in load_catalogue().seveso_substances.items()
        ]
        ctx["first_id"] = ctx["substances"][0]["id"] if ctx["substances"] else q.input_id
    if q.kind == POINT:
        ctx["lon"] = answers.get(LON, "")
        ctx["lat"] = answers.get(LAT, "")
        ctx["first_id"] = f"{q.input_id}-map"
    ctx.setdefault("first_id", q.input_id)
    return ctx


def hidden_answers(answers: Answers, current: Step) -> list[tuple[str, str]]:
    """(name, value) pairs of every other step's answers, as hidden fields."""
    pairs: list[tuple[str, str]] = []
    for other in STEPS:
        if other is current:
            continue
        for name in field_names(other):
            value = answers.get(name)
            if isinstance(value, list):
                pairs += [(name, str(v)) for v in value]
            elif value:
                pairs.append((name, str(value)))
    return pairs
