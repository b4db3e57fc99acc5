"""The round's page (/industriparker/runder/<pk>): the designation procedure.

Public: the procedure's steps are public acts (the political decision, the
hearing under § 13 stk. 4, the landsplandirektiv). State screeners record the
next step here; the applications themselves stay behind their own access rules.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rodloeber.accounts.models import User
from rodloeber.core.page_errors import error_message, page_language
from rodloeber.domain.errors import DomainError
from rodloeber.parks.models import ROUND_STEP_ORDER, ApplicationRound, RoundStepKind
from rodloeber.parks.procedure import round_step_record
from rodloeber.parks.procedure_forms import RoundStepForm
from rodloeber.parks.selectors import is_screener
from rodloeber.parks.web_common import post_redirect

DETAIL_LABELS = {
    "outcome": gettext_lazy("Outcome"),
    "decided_by": gettext_lazy("Decided by"),
    "parks_count": gettext_lazy("Number of parks"),
    "period_start": gettext_lazy("Hearing from"),
    "period_end": gettext_lazy("Hearing until"),
    "responses_received": gettext_lazy("Responses received"),
    "reference": gettext_lazy("Landsplandirektiv reference"),
    "forligskreds_consulted": gettext_lazy("Forligskredsen consulted"),
}
LEGAL_BASIS = {
    RoundStepKind.NEGOTIATED: "L 206 § 13, stk. 1",
    RoundStepKind.POLITICAL_DECISION: "Aftale om rød løber (21. nov. 2024), pkt. 17",
    RoundStepKind.HEARING: "L 206 § 13, stk. 4",
    RoundStepKind.LANDSPLANDIREKTIV: "Aftale om rød løber (21. nov. 2024), pkt. 16; planloven",
}


def _value(key: str, value: Any) -> Any:
    if key in ("period_start", "period_end"):
        return date.fromisoformat(str(value))
    if key == "forligskreds_consulted":
        return _("Yes") if value else _("No")
    return value


def procedure_rows(rnd: ApplicationRound) -> list[dict[str, Any]]:
    """One row per step in order: its label, legal basis and, if done, date and details."""
    done = {s.kind: s for s in rnd.steps.all()}
    rows = []
    for kind in ROUND_STEP_ORDER:
        step = done.get(kind)
        rows.append(
            {
                "kind": kind,
                "label": RoundStepKind(kind).label,
                "legal_basis": LEGAL_BASIS[RoundStepKind(kind)],
                "step": step,
                "details": [
                    (DETAIL_LABELS.get(k, k), _value(k, v)) for k, v in step.details.items()
                ]
                if step
                else [],
            }
        )
    return rows


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = ApplicationRound.objects.filter(pk=pk).first()
    if rnd is None:
        raise Http404
    user = request.user
    may_record = isinstance(user, User) and is_screener(user)
    rows = procedure_rows(rnd)
    next_kind = next((r["kind"] for r in rows if r["step"] is None), None)
    form = RoundStepForm(request.POST or None, next_kind=next_kind)
    status = 200
    if request.method == "POST":
        if not isinstance(user, User) or not may_record:
            raise Http404
        if form.is_valid():
            try:
                round_step_record(
                    actor=user,
                    application_round=rnd,
                    kind=form.cleaned_data["kind"],
                    happened_on=form.cleaned_data["happened_on"],
                    details=form.details(),
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The step was recorded."))
                return post_redirect(request, "parks:round", rnd.pk)
            except DomainError as exc:
                form.add_error(None, error_message(exc))
        status = 422
    english = page_language() == "en"
    facts = [
        {
            "label": f.get("label_en" if english else "label_da", f.get("key", "")),
            "value": f.get("value"),
            "source": str(f.get("source", "")),
            "is_url": str(f.get("source", "")).startswith("https://"),
            "date": date.fromisoformat(f["date"]) if f.get("date") else None,
        }
        for f in rnd.public_facts
        if isinstance(f, dict)
    ]
    context = {
        "round": rnd,
        "facts": facts,
        "rows": rows,
        "form": form,
        "may_record": may_record and next_kind is not None,
        "is_screener": may_record,
    }
    return render(request, "parks/round_detail.html", context, status=status)
