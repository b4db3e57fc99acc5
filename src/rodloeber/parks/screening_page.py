"""The printable screening report of an application (/industriparker/ansoegninger/<pk>/screening).

A draft is screened on submission: its page says so (and shows any
preliminary check); it never answers with a bare 404 for a visible application.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from rodloeber.core.page_errors import page_language
from rodloeber.parks.supply import supply_rows
from rodloeber.parks.workspace import _user, _visible

REASON_LABELS = {
    "draft": gettext_lazy("Preliminary check of a draft"),
    "submit": gettext_lazy("On submission"),
    "layers_changed": gettext_lazy("Layers changed"),
    "manual": gettext_lazy("Screened again by a state screener"),
}


@login_required
def screening_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Printable screening report (the latest, or ?id= an older one). A draft is
    screened on submission: its page says so (and shows any preliminary check)."""
    app = _visible(_user(request), pk)
    record = app.screenings.filter(pk=request.GET.get("id") or 0).first() or app.latest_screening()
    history = [(s, REASON_LABELS.get(s.reason, s.reason)) for s in app.screenings.all()]
    return render(
        request,
        "parks/screening_report.html",
        {
            "app": app,
            "record": record,
            "report": record.report if record else {},
            "history": history,
            "supply": supply_rows(app.answers, record.report if record else None, page_language()),
            "lang": page_language(),
        },
    )
