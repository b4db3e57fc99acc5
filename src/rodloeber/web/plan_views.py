"""Process-plan preview page (/procesplan): the Gantt chart for a project.

GET shows a worked example (or a chosen one); POST takes ``facts`` (ProjectFacts
JSON, e.g. from the /tjek result page) and ``clock_start``. Nothing is stored.
The chart is server-rendered SVG with a table alternative; ``?format=ics``
downloads the milestones as iCalendar, ``?format=svg`` the chart as a file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rodloeber.checks.computation import run_plan_preview
from rodloeber.core.gantt import gantt_download, gantt_inline, gantt_rows
from rodloeber.core.web import ICS, download_response, page_language
from rodloeber.domain.errors import DomainError
from rodloeber.domain.facts import FactsError
from rodloeber.domain.plan_preview import PlanPreview
from rodloeber.domain.planning import plan_to_ics

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
DEFAULT_EXAMPLE = "electrolyser_esbjerg"
DEFAULT_CLOCK_START = date(2026, 3, 2)
MAX_FACTS_BYTES = 64 * 1024


#: Labels of the worked examples (never show the file name).
EXAMPLE_LABELS = {
    "electrolyser_esbjerg": gettext_lazy("Electrolyser factory in Esbjerg (example)"),
    "battery_factory_park": gettext_lazy("Battery cell factory in an industrial park (example)"),
}


def examples() -> dict[str, dict[str, Any]]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(EXAMPLES_DIR.glob("*.json"))
    }


def _inputs(request: HttpRequest) -> tuple[dict[str, Any] | None, str, str, list[str]]:
    """(facts, clock_start text, example name, errors) from GET or POST."""
    source = request.POST if request.method == "POST" else request.GET
    errors: list[str] = []
    clock_text = source.get("clock_start", DEFAULT_CLOCK_START.isoformat())
    example = source.get("example", "")
    raw = source.get("facts", "")
    if raw:
        if len(raw.encode("utf-8")) > MAX_FACTS_BYTES:
            return None, clock_text, "", [_("The project facts are too large (max 64 KB).")]
        try:
            facts = json.loads(raw)
        except json.JSONDecodeError:
            return None, clock_text, "", [_("The project facts are not valid JSON.")]
        return facts, clock_text, "", errors
    all_examples = examples()
    example = example if example in all_examples else DEFAULT_EXAMPLE
    return all_examples[example], clock_text, example, errors


@require_http_methods(["GET", "POST"])
def plan_preview(request: HttpRequest) -> HttpResponse:
    lang = page_language()
    facts, clock_text, example, errors = _inputs(request)
    context: dict[str, Any] = {
        "examples": [(key, EXAMPLE_LABELS.get(key, key)) for key in examples()],
        "example": example,
        "clock_start": clock_text,
        "facts_json": json.dumps(facts, ensure_ascii=False) if facts is not None else "",
        "errors": errors,
    }
    try:
        clock_start = date.fromisoformat(clock_text)
    except ValueError:
        errors.append(_("The clock start must be a date (YYYY-MM-DD)."))
    if errors or facts is None:
        return render(request, "web/plan_preview.html", context, status=400)
    try:
        preview = run_plan_preview(facts, clock_start=clock_start)
    except FactsError as exc:
        context["errors"] = [
            f"{e.field}: {e.message_en if lang == 'en' else e.message_da}" for e in exc.errors
        ]
        return render(request, "web/plan_preview.html", context, status=400)
    except DomainError as exc:
        context["errors"] = [exc.message(lang)]
        return render(request, "web/plan_preview.html", context, status=400)
    if request.GET.get("format") == "ics" or request.POST.get("format") == "ics":
        return download_response(plan_to_ics(preview.plan, lang=lang), ICS, "procesplan.ics")
    plan = preview.plan
    if request.GET.get("format") == "svg" or request.POST.get("format") == "svg":
        return gantt_download(plan, lang=lang, filename="procesplan.svg")
    context.update(plan_explanations(preview, lang))
    context.update(
        {
            "preview": preview,
            "plan": plan,
            "cap": preview.cap,
            "cap_regime": preview.cap.regime_en if lang == "en" else preview.cap.regime,
            "p_within_cap_pct": None
            if plan.p_within_cap is None
            else round(plan.p_within_cap * 100),
            "p_if_not_needed_pct": None
            if plan.p_if_possible_not_needed is None
            else round(plan.p_if_possible_not_needed * 100),
            "gantt_svg": gantt_inline(plan, lang=lang),
            "rows": gantt_rows(plan, lang=lang),
            "title": facts.get("title") if isinstance(facts, dict) else None,
        }
    )
    return render(request, "web/plan_preview.html", context)


def plan_explanations(preview: PlanPreview, lang: str) -> dict[str, Any]:
    """Coordinated procedures, clock exclusions, measures and risk drivers, in ``lang``."""
    en = lang == "en"
    names = {p.code: (p.name_en if en else p.name_da) for p in preview.plan.permits}
    fit = preview.cap_fit
    return {
        "procedures": [
            {
                "label": p.label_en if en else p.label_da,
                "legal_basis": p.legal_basis,
                "verified": p.verified,
            }
            for p in preview.procedures
        ],
        "clock_notes": [
            {
                "code": n.exclusion.code,
                "permits": [names.get(c, c) for c in n.exclusion.permits],
                "kind": n.exclusion.kind,
                "legal_basis": n.exclusion.legal_basis,
                "applied": n.applied,
                "verified": n.exclusion.verified,
            }
            for n in preview.clock_notes
        ],
        "excluded_days": preview.plan.excluded_days,
        "measures": [
            {
                "label": m.label_en if en else m.label_da,
                "permit": names.get(m.permit, m.permit),
                "saving_days": m.saving_days,
                "effort": m.effort,
                "legal_basis": m.legal_basis,
            }
            for m in preview.measures
        ],
        "end_without_measures": preview.end_without_measures,
        "nothing_fits": fit is not None and not fit.fits,
        "shortfall": []
        if fit is None
        else [{"permit": names.get(c, c), "days": d} for c, d in fit.shortfall],
        "drivers": [d.text(lang) for d in preview.plan.drivers],
        # item 3: the level the measures were fitted at, or what stays at risk
        "fit_percentile_pct": None
        if fit is None or fit.percentile is None
        else round(fit.percentile * 100),
        "risk_level_pct": None
        if preview.fit_at_percentile is None or preview.fit_at_percentile.percentile is None
        else round(preview.fit_at_percentile.percentile * 100),
        "risk_shortfall": []
        if preview.fit_at_percentile is None
        else [
            {"permit": names.get(c, c), "days": d} for c, d in preview.fit_at_percentile.shortfall
        ],
        "beside_plan": [
            {
                "name": b["name_en"] if en else b["name_da"],
                "why": b["why_en"] if en else b["why"],
                "consequence": b["consequence_en"] if en else b["consequence"],
                "either_or": b["either_or_en"] if en else b["either_or"],
            }
            for b in preview.check.permits.beside_plan()
        ],
    }
