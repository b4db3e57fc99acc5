"""Settle a possible permit from the case page (afklar en mulig tilladelse): the
case manager or the permit's owning authority marks it needed (it is planned and
the case re-planned), not needed, or possible again (undo)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from rodloeber.accounts.current import caller
from rodloeber.cases.errors import CaseError
from rodloeber.cases.forms import SettleForm
from rodloeber.cases.selectors import permit_for_view
from rodloeber.cases.services.settle import permit_settle
from rodloeber.cases.views.actions import run_action
from rodloeber.core.page_errors import raise_for_page


@login_required
@require_POST
def settle(request: HttpRequest, permit_id: int) -> HttpResponse:
    """/sager/tilladelser/<id>/afklar: hidden case → 404; not allowed → 403."""
    user = caller(request)
    try:
        permit = permit_for_view(user, permit_id)
    except CaseError as exc:
        raise_for_page(exc)
        raise

    def act(d: dict[str, Any]) -> object:
        return permit_settle(actor=user, permit=permit, certainty=d["certainty"])

    return run_action(
        request,
        permit.case,
        f"settle-{permit.pk}",
        SettleForm(request.POST),
        act,
        _("The permit is settled and the plan recomputed."),
    )
