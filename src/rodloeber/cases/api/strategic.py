"""``POST /api/v1/cases/{id}/strategic-recognitions``: the case manager records a
strategic-project recognition (NZIA Art. 13, CRMA Art. 6-7) on a case."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from rodloeber.accounts.current import caller
from rodloeber.cases.api.common import today
from rodloeber.cases.selectors import case_for
from rodloeber.cases.serialize import case_detail
from rodloeber.cases.services.strategic import case_strategic_recognition_record
from rodloeber.core.api_errors import ERRORS

router = Router(tags=["cases"])


class StrategicRecognitionIn(Schema):
    regime: Literal["nzia", "crma"]
    decided_on: dt.date = Field(..., description="Date of the recognition decision")
    decided_by: str = Field(..., max_length=200, description="E.g. Europa-Kommissionen")
    reference: str = Field(..., max_length=200, description="Decision reference or ID")
    in_permitting_when_recognised: bool | None = Field(
        None,
        description="Was the permit-granting process already running when the project was "
        "recognised? Decides CRMA Art. 11(2); null = unknown",
    )


@router.post(
    "/cases/{int:case_id}/strategic-recognitions",
    response={200: dict[str, Any], **ERRORS},
    summary="Record a strategic-project recognition (NZIA/CRMA) on a case",
    operation_id="case_strategic_recognition",
)
def record(request: HttpRequest, case_id: int, payload: StrategicRecognitionIn) -> Any:
    """Case manager: the recognition (date, by whom, reference, already in
    permitting) is registered and the case facts follow; before the clock starts
    the stored check and binding cap are recomputed (CRMA Art. 11(2) applies only
    to projects already in permitting when recognised)."""
    user = caller(request)
    case = case_for(user, case_id)
    case_strategic_recognition_record(
        actor=user,
        case=case,
        regime=payload.regime,
        decided_on=payload.decided_on,
        decided_by=payload.decided_by,
        reference=payload.reference,
        in_permitting_when_recognised=payload.in_permitting_when_recognised,
    )
    return case_detail(case_for(user, case_id), user, today())
