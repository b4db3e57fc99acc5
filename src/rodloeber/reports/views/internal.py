"""Internal pages: yearly status report, evaluation export, budget. Ministry
analysts read and enter spending; administrators read; everyone else 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rodloeber.core.page_errors import error_message
from rodloeber.core.web import CSV, XLSX, download_response, page_language
from rodloeber.reports import evaluation
from rodloeber.reports.access import can_enter_spending, require_reader, require_spending_entry
from rodloeber.reports.figures import Scope, min_group_size
from rodloeber.reports.models import BudgetLine, BudgetSpend
from rodloeber.reports.services import BudgetError, budget_spend_record
from rodloeber.reports.variance import totals, variance_rows, years
from rodloeber.reports.yearly import yearly_report


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("aar", "")
    today = timezone.localdate()
    if not raw:
        return today.year
    if not raw.isdigit() or not 2024 <= int(raw) <= today.year + 1:
        raise Http404
    return int(raw)


def yearly(request: HttpRequest) -> HttpResponse:
    """/statistik/aarsrapport?aar=2026 — printable yearly status report."""
    require_reader(request.user)
    year = _year(request)
    report = yearly_report(year, Scope.default())
    return render(
        request,
        "reports/yearly.html",
        {
            "r": report,
            "year": year,
            "years": list(range(2024, timezone.localdate().year + 1)),
            "min_group": min_group_size(),
            "lang": page_language(),
            "generated": timezone.localtime(),
        },
    )


def evaluation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """/statistik/evaluering.csv?niveau=sager|tilladelser, /statistik/evaluering.xlsx."""
    require_reader(request.user)
    scope = Scope.default()
    if fmt == "xlsx":
        return download_response(
            evaluation.to_xlsx(scope), XLSX, "evaluering-2027.xlsx", private=True
        )
    if fmt != "csv":  # the name promises the type: only .csv and .xlsx exist
        raise Http404
    level = request.GET.get("niveau", "sager")
    if level == "sager":
        body = evaluation.to_csv(evaluation.CASE_COLUMNS, evaluation.case_rows(scope))
    elif level == "tilladelser":
        body = evaluation.to_csv(evaluation.PERMIT_COLUMNS, evaluation.permit_rows(scope))
    else:
        raise Http404
    return download_response(body, CSV, f"evaluering-2027-{level}.csv", private=True)


def budget(request: HttpRequest) -> HttpResponse:
    """/statistik/budget — Tabel 1 against actual spending (afvigelser)."""
    require_reader(request.user)
    rows = variance_rows()
    return render(
        request,
        "reports/budget.html",
        {
            "rows": rows,
            "years": years(),
            "total": totals(rows),
            "lang": page_language(),
            "may_enter": can_enter_spending(request.user),
            "history": BudgetSpend.objects.select_related("line", "entered_by")[:20],
        },
    )


def spending_entry(request: HttpRequest) -> HttpResponse:
    """/statistik/budget/forbrug — record actual spending (ministry analyst)."""
    require_spending_entry(request.user)
    leaves = list(BudgetLine.objects.filter(level=2).order_by("position"))
    errors: dict[str, str] = {}
    values: dict[str, Any] = {"line": "", "year": "", "amount_mdkk": "", "note": ""}
    if request.method == "GET":  # the inbox links here with the line and year chosen
        values["line"] = request.GET.get("line", "")[:64]
        values["year"] = request.GET.get("year", "")[:4]
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        line = next((x for x in leaves if x.code == values["line"]), None)
        if line is None:
            errors["line"] = _("Choose a budget line.")
        if not values["year"].isdigit():
            errors["year"] = _("Choose a year.")
        if not errors and line is not None:
            try:
                budget_spend_record(
                    actor=request.user,  # type: ignore[arg-type]
                    line=line,
                    year=int(values["year"]),
                    amount_mdkk=values["amount_mdkk"],
                    note=values["note"],
                )
            except BudgetError as exc:
                msg = error_message(exc)
                errors[exc.field or "amount_mdkk"] = msg
            else:
                messages.success(request, _("The spending was recorded."))
                return redirect("reports:budget")
    return render(
        request,
        "reports/spending_form.html",
        {
            "leaves": leaves,
            "years": years(),
            "errors": errors,
            "values": values,
            "lang": page_language(),
        },
        status=422 if errors else 200,
    )
