"""Where an application stands in the procedure (derived, stores nothing).

submitted → screened → dialogue → evaluated → (the round's negotiation,
political decision and hearing, on the round page) → designated or not. Each
stage shows its date or count, so a municipality and the state see the same
picture. The round-level steps are :mod:`rodloeber.parks.procedure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from rodloeber.parks.models import ApplicationStatus, ConditionState, ParkApplication


@dataclass(frozen=True)
class Stage:
    label: str
    done: bool
    when: date | datetime | None = None
    detail: str = ""


def application_stages(app: ParkApplication) -> list[Stage]:
    screening = app.screenings.filter(reason__in=["submit", "layers_changed", "manual"]).first()
    dialogue = app.dialogue.count()
    assessed = app.conditions.exclude(state=ConditionState.UNKNOWN).count()
    decided = app.status in (ApplicationStatus.DESIGNATED, ApplicationStatus.NOT_DESIGNATED)
    return [
        Stage(_("Submitted"), app.submitted_at is not None, app.submitted_at),
        Stage(_("Screened"), screening is not None, screening.created_at if screening else None),
        Stage(
            _("Dialogue with the municipalities"),
            dialogue > 0,
            detail=_("%(n)s entries in the log") % {"n": dialogue},
        ),
        Stage(
            _("Evaluated against s. 13(1)"),
            assessed == 5,
            detail=_("%(n)s of 5 conditions assessed") % {"n": assessed},
        ),
        Stage(
            _("Decision"),
            decided,
            app.decided_on,
            str(app.get_status_display()) if decided else "",
        ),
    ]
