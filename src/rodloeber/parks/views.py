"""Public pages of industrial parks (/industriparker): map and list of
designated parks, each park's page, and the areas as GeoJSON for the map."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rodloeber.accounts.models import User
from rodloeber.core.geojson import geojson_response
from rodloeber.core.page_errors import errors_to_messages
from rodloeber.core.web import page_language
from rodloeber.layers.overview_map import overview_svg
from rodloeber.parks.errors import ParkError
from rodloeber.parks.lifecycle import park_adopt_local_plan, park_cease, park_open
from rodloeber.parks.models import ApplicationRound, Park, ParkStatus
from rodloeber.parks.procedure import park_extend_sunset
from rodloeber.parks.procedure_forms import ExtendSunsetForm
from rodloeber.parks.procedure_views import procedure_rows
from rodloeber.parks.selectors import (
    is_administrator,
    is_planner,
    is_screener,
    may_manage_park,
    public_parks,
)
from rodloeber.parks.serialize import park_dict
from rodloeber.parks.web_common import post_redirect

SYNTHETIC = "syntetiske demodata"


def _feature(geometry: Any, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """/industriparker — designated parks (map + list) and entry to the workspace."""
    user = request.user
    parks = [park_dict(p) for p in public_parks()]
    context = {
        "parks": parks,
        "any_synthetic": any(p["synthetic"] for p in parks),
        "rounds": ApplicationRound.objects.all()[:5],
        "is_planner": isinstance(user, User) and is_planner(user),
        "is_screener": isinstance(user, User) and is_screener(user),
        "is_admin": isinstance(user, User) and is_administrator(user),
    }
    return render(request, "parks/index.html", context)


@require_GET
def parks_geojson(request: HttpRequest) -> JsonResponse:
    features = []
    for park in public_parks():
        data = park_dict(park)
        props = {
            "id": park.pk,
            "name": data["name"],
            "status": data["status_label"],
            "url": f"/industriparker/park/{park.pk}",
            "synthetic": data["synthetic"],
            "note": SYNTHETIC if data["synthetic"] else "",
        }
        features.append(_feature(park.application.geometry, props))
    return geojson_response({"type": "FeatureCollection", "features": features})


@require_GET
def parks_overview(request: HttpRequest) -> HttpResponse:
    """``/industriparker/oversigt.svg``: the designated parks on the static
    overview map, the first paint of the page's map (ADR 0029). The same parks
    as ``parker.geojson`` (public: designation is published, L 206 § 13)."""
    title = (
        "Overview map of designated industrial parks"
        if page_language() == "en"
        else "Oversigtskort over udpegede industriparker"
    )
    areas = [p.application.geometry for p in public_parks() if p.application.geometry]
    return HttpResponse(
        overview_svg(title, areas=areas),
        content_type="image/svg+xml; charset=utf-8",
        headers={"Cache-Control": "no-cache"},
    )


def park_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One park's page; municipal planners and screeners record lifecycle steps."""
    park = public_parks().filter(pk=pk).first()
    if park is None:
        raise Http404
    user = request.user
    may_manage = isinstance(user, User) and may_manage_park(user, park)
    if request.method == "POST":
        if not isinstance(user, User) or not may_manage:
            raise Http404
        return _park_step(request, user, park)
    context = {
        "park": park,
        "data": park_dict(park),
        "app": park.application,
        "may_manage": may_manage,
        "may_cease": isinstance(user, User) and is_screener(user),
        "status": ParkStatus,
        "extensions": park.extensions.all(),
        "procedure": procedure_rows(park.application.round),
        "extend_form": ExtendSunsetForm(),
    }
    return render(request, "parks/park_detail.html", context)


@errors_to_messages()
def _park_step(request: HttpRequest, user: User, park: Park) -> HttpResponse:
    from datetime import date

    step = request.POST.get("step", "")
    try:
        on = date.fromisoformat(request.POST.get("on", "") or date.today().isoformat())
    except ValueError:
        raise ParkError(
            "date_invalid", "Skriv datoen som ÅÅÅÅ-MM-DD.", "Write the date as YYYY-MM-DD."
        ) from None
    if step == "local_plan":
        park_adopt_local_plan(
            actor=user,
            park=park,
            plan_id=request.POST.get("plan_id", ""),
            adopted_on=on,
            url=request.POST.get("url", ""),
        )
    elif step == "open":
        park_open(actor=user, park=park, opened_on=on)
    elif step == "cease":
        park_cease(actor=user, park=park, ceased_on=on, reason=request.POST.get("reason", ""))
    elif step == "extend":
        form = ExtendSunsetForm(request.POST)
        if not form.is_valid():
            raise ValueError(_("Enter the new sunset date and the reason."))
        park_extend_sunset(actor=user, park=park, **form.cleaned_data)
        messages.success(request, _("The sunset was extended."))
    return post_redirect(request, "parks:park", park.pk)
