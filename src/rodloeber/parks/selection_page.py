"""The selection support page (/industriparker/udvaelgelse), state screeners only.

Only applications meeting all of § 13 stk. 1 (and not excluded by stk. 2) can be
chosen; with nothing selectable the page says why and what to do.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from rodloeber.accounts.models import User
from rodloeber.core.page_errors import error_message, page_language
from rodloeber.domain.errors import DomainError
from rodloeber.parks.conditions import application_eligibility
from rodloeber.parks.forms import SelectionForm
from rodloeber.parks.models import ApplicationStatus
from rodloeber.parks.selection import run_selection
from rodloeber.parks.selectors import is_screener, visible_applications


@login_required
def selection(request: HttpRequest) -> HttpResponse:
    """Selection support: only applications meeting all of § 13 stk. 1 can be chosen;
    with nothing selectable the page says why and what to do."""
    user = request.user
    if not isinstance(user, User) or not is_screener(user):
        raise Http404
    lang = page_language()
    apps = list(
        visible_applications(user)
        .filter(status=ApplicationStatus.SUBMITTED)
        .prefetch_related("conditions")
    )
    checked = [(a, application_eligibility(a)) for a in apps]
    rows = [{"app": a, "reasons": e.reasons(lang)} for a, e in checked]
    eligible_count = sum(1 for _a, e in checked if e.eligible)
    form = SelectionForm(request.POST or None)
    outcome: dict[str, Any] | None = None
    if request.method == "POST" and apps and form.is_valid():
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()] or [a.pk for a in apps]
        try:
            outcome = run_selection(actor=user, application_ids=ids, **form.cleaned_data).to_dict(
                lang
            )
        except DomainError as exc:
            form.add_error(None, error_message(exc))
    names = {a.pk: a.name for a in apps}
    chosen = [names.get(i, str(i)) for i in outcome["chosen"]] if outcome else []
    swaps = (
        [{**sw, "name": names.get(sw["id"], str(sw["id"]))} for sw in outcome["swaps"]]
        if outcome
        else []
    )
    status = 422 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "parks/selection.html",
        {
            "form": form,
            "rows": rows,
            "eligible_count": eligible_count,
            "outcome": outcome,
            "chosen": chosen,
            "swaps": swaps,
        },
        status=status,
    )
