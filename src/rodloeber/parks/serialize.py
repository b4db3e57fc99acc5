"""Plain dicts of applications and parks for the API, exports and pages."""

from __future__ import annotations

from typing import Any

from rodloeber.domain.legal_citations import english_pairs
from rodloeber.parks.conditions import application_eligibility, condition_rows
from rodloeber.parks.models import Park, ParkApplication
from rodloeber.parks.services import total_score


def application_dict(
    app: ParkApplication, *, with_geometry: bool = True, language: str = "da"
) -> dict[str, Any]:
    latest = app.latest_screening()
    eligibility = application_eligibility(app)
    data: dict[str, Any] = {
        "id": app.pk,
        "name": app.name,
        "status": app.status,
        "round_id": app.round_id,
        "lead_municipality": app.lead_municipality.authority_code,
        "municipalities": sorted(str(m.authority_code) for m in app.municipalities.all()),
        "area_ha": app.area_ha,
        "region_code": app.region_code,
        "answers": app.answers,
        "created_at": app.created_at,
        "submitted_at": app.submitted_at,
        "decided_on": app.decided_on,
        "total_score": total_score(app),
        "evaluations": [
            {"criterion": e.criterion, "score": e.score, "justification": e.justification}
            for e in app.evaluations.all()
        ],
        "conditions": condition_rows(app, language),
        "dialogue": [
            {
                "kind": e.kind,
                "municipality": e.municipality.authority_code,
                "happened_on": e.happened_on,
                "text": e.text,
            }
            for e in app.dialogue.select_related("municipality")
        ],
        "eligible": eligibility.eligible,
        "eligibility_reasons": list(eligibility.reasons(language)),
        "screening": english_pairs(latest.report) if latest else None,
        "screening_layer_versions": latest.layer_versions if latest else {},
        "synthetic": app.synthetic,
    }
    if with_geometry:
        data["geometry"] = app.geometry
    return data


def park_dict(park: Park) -> dict[str, Any]:
    app = park.application
    return {
        "id": park.pk,
        "application_id": app.pk,
        "name": app.name,
        "status": park.status,
        "status_label": str(park.get_status_display()),
        "municipality": app.lead_municipality.name,
        "area_ha": app.area_ha,
        "designated_on": park.designated_on,
        "sunset_years": park.sunset_years,
        "sunset_on": park.sunset_on,
        "sunset_extensions": [
            {
                "previous_sunset_on": e.previous_sunset_on,
                "sunset_on": e.sunset_on,
                "reason": e.reason,
            }
            for e in park.extensions.all()
        ],
        "local_plan_id": park.local_plan_id,
        "local_plan_url": park.local_plan_url,
        "local_plan_adopted_on": park.local_plan_adopted_on,
        "opened_on": park.opened_on,
        "ceased_on": park.ceased_on,
        "ceased_reason": park.ceased_reason,
        "contact_name": park.contact_name,
        "contact_email": park.contact_email,
        "synthetic": app.synthetic,
    }
