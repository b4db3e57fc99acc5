"""Open legal questions for case managers (åbne juridiske spørgsmål): every
catalogue rule still marked unverified, what it decides and the consequence
if it is wrong, as a page and as CSV (``?format=csv``)."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.core.spreadsheet import neutralise
from rodloeber.domain.catalogue import load_catalogue
from rodloeber.domain.coordination import load_coordination
from rodloeber.domain.open_questions import RULE, open_questions
from rodloeber.domain.planning.duration_evidence import estimated_durations

#: Who may read the list: the one-stop-shop's case managers and administrators.
READERS = frozenset({Role.CASE_MANAGER, Role.ADMINISTRATOR})
COLUMNS = ("kind", "file", "code", "title", "decides", "consequence", "source_note")


@login_required
@require_GET
def open_legal_questions(request: HttpRequest) -> HttpResponse:
    """The list of unverified rules (page or CSV), for case managers."""
    user = request.user
    if not isinstance(user, User) or user.role not in READERS:
        raise PermissionDenied
    language = "en" if (get_language() or "da").startswith("en") else "da"
    catalogue = load_catalogue()
    questions = open_questions(catalogue, load_coordination())
    rows = [q.row(language) for q in questions]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"aabne-spoergsmaal-{catalogue.version}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response.write("\ufeff")  # Excel reads UTF-8 with a byte order mark
        writer = csv.DictWriter(response, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: neutralise(v) for k, v in row.items()})
        return response
    rules = [r for r in rows if r["kind"] == RULE]
    estimates = [r for r in rows if r["kind"] != RULE]
    context = {
        "rows": rules,
        "estimates": estimates,
        "count": len(rules),
        "estimate_count": len(estimates),
        "deciding": sum(1 for q in questions if q.decides_cap_or_eligibility),
        "catalogue_version": catalogue.version,
        "estimated_durations": [
            {"code": e.code, "name": e.name(language), "range": e.range_text(language)}
            for e in estimated_durations(catalogue.permit_types.values())
        ],
    }
    return render(request, "checks/open_questions.html", context)
