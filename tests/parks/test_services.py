"""Park services: rounds, drafts, submit + screening, evaluation, lifecycle, audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.domain.screening import GeometryError
from rodloeber.parks.errors import Forbidden, IllegalTransition, NotFound, ParkError
from rodloeber.parks.lifecycle import (
    decision_record,
    park_adopt_local_plan,
    park_cease,
    park_open,
    parks_near_sunset,
    sunset_date,
)
from rodloeber.parks.models import (
    ApplicationRound,
    ApplicationStatus,
    Park,
    ParkApplication,
    ParkStatus,
)
from rodloeber.parks.procedure import consent_requests, joint_consent_decide
from rodloeber.parks.selectors import application_for, visible_applications
from rodloeber.parks.services import (
    application_create,
    application_rescreen,
    application_submit,
    application_update,
    evaluation_save,
    round_open,
    total_score,
)
from tests.parks.conftest import (
    EXCLUDED_AREA,
    FULL_ANSWERS,
    area,
    decide_politically,
    meet_all_conditions,
)

pytestmark = pytest.mark.django_db


def _events() -> int:
    return AuditEvent.objects.count()


def test_only_administrators_open_rounds(planner: User, admin: User) -> None:
    with pytest.raises(Forbidden):
        round_open(actor=planner, title="X", deadline=timezone.now() + timedelta(days=1))
    with pytest.raises(ParkError):
        round_open(actor=admin, title="X", deadline=timezone.now() - timedelta(days=1))


def test_draft_is_validated_reprojected_and_screened(draft: ParkApplication) -> None:
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.area_ha == pytest.approx(64.0, abs=0.1)
    assert draft.region_code == "1083"
    assert draft.latest_screening() is not None
    assert draft.latest_screening().reason == "draft"  # type: ignore[union-attr]


def test_bad_geometry_is_refused(planner: User, open_round: ApplicationRound) -> None:
    with pytest.raises(GeometryError):
        application_create(
            actor=planner,
            application_round=open_round,
            name="X",
            geometry={"type": "Point", "coordinates": [8.5, 55.5]},
        )


def test_joint_application_is_visible_to_co_applicant(
    planner: User, open_round: ApplicationRound, make_user: Callable[..., User], org: Callable
) -> None:
    app = application_create(
        actor=planner,
        application_round=open_round,
        name="Fælles park",
        geometry=area(),
        co_municipality_codes=["0573"],
    )
    varde = make_user(Role.MUNICIPAL_PLANNER, org("0573"))
    with pytest.raises(NotFound):  # not Varde's own until Varde accepts
        application_for(varde, app.pk)
    assert [c.application for c in consent_requests(varde)] == [app]
    with pytest.raises(ParkError) as info:
        application_submit(actor=planner, application=app)
    assert info.value.code == "consent_pending"
    with pytest.raises(NotFound):  # only the asked municipality answers
        joint_consent_decide(actor=planner, application=app, accept=True)
    before = _events()
    joint_consent_decide(actor=varde, application=app, accept=True)
    assert _events() == before + 1
    assert application_for(varde, app.pk) == app
    assert sorted(m.authority_code for m in app.municipalities.all()) == ["0561", "0573"]
    with pytest.raises(IllegalTransition):
        joint_consent_decide(actor=varde, application=app, accept=False)
    assert consent_requests(varde) == []


def test_declined_co_applicant_stays_out(
    planner: User, open_round: ApplicationRound, make_user: Callable[..., User], org: Callable
) -> None:
    app = application_create(
        actor=planner,
        application_round=open_round,
        name="Fælles park",
        geometry=area(),
        answers=FULL_ANSWERS,
        co_municipality_codes=["0573"],
    )
    varde = make_user(Role.MUNICIPAL_PLANNER, org("0573"))
    joint_consent_decide(actor=varde, application=app, accept=False)
    with pytest.raises(NotFound):
        application_for(varde, app.pk)
    application_submit(actor=planner, application=app)  # answered: may be submitted
    assert [m.authority_code for m in app.municipalities.all()] == ["0561"]


def test_submit_screens_and_stores_report_with_one_event(
    planner: User, draft: ParkApplication
) -> None:
    before = _events()
    application_submit(actor=planner, application=draft)
    assert _events() == before + 1
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    record = draft.latest_screening()
    assert record is not None and record.reason == "submit"
    assert record.excluded is False
    assert {"area_ha", "exclusions", "criteria", "layers"} <= set(record.report)
    assert record.layer_versions["kommuner"] == "test"
    with pytest.raises(Forbidden):  # no edits after submission
        application_update(actor=planner, application=draft, name="Nyt navn")


def test_submit_requires_answers(planner: User, open_round: ApplicationRound) -> None:
    app = application_create(
        actor=planner, application_round=open_round, name="Uden svar", geometry=area()
    )
    with pytest.raises(ParkError) as info:
        application_submit(actor=planner, application=app)
    assert info.value.code == "answers_missing"
    assert "Mangler" in info.value.message_da and "Missing" in info.value.message_en


def test_submit_after_deadline_is_refused(planner: User, draft: ParkApplication) -> None:
    ApplicationRound.objects.filter(pk=draft.round_id).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )
    draft.refresh_from_db()
    with pytest.raises(ParkError) as info:
        application_submit(actor=planner, application=draft)
    assert info.value.code == "round_closed"


def test_visibility(
    planner: User, other_planner: User, screener: User, admin: User, draft: ParkApplication
) -> None:
    assert list(visible_applications(planner)) == [draft]
    assert list(visible_applications(other_planner)) == []
    assert list(visible_applications(screener)) == []  # drafts are private
    with pytest.raises(NotFound):
        application_for(other_planner, draft.pk)
    application_submit(actor=planner, application=draft)
    assert list(visible_applications(screener)) == [draft]
    assert list(visible_applications(admin)) == []


def test_rescreen_keeps_old_reports(planner: User, screener: User, draft: ParkApplication) -> None:
    application_submit(actor=planner, application=draft)
    assert application_rescreen(actor=screener, application=draft) is None  # unchanged
    record = application_rescreen(actor=screener, application=draft, force=True)
    assert record is not None
    assert draft.screenings.count() == 3  # draft, submit, manual


def test_evaluation_and_weighted_total(
    planner: User, screener: User, draft: ParkApplication
) -> None:
    with pytest.raises(IllegalTransition):
        evaluation_save(
            actor=screener, application=draft, criterion="transport", score=3, justification="x"
        )
    application_submit(actor=planner, application=draft)
    evaluation_save(
        actor=screener, application=draft, criterion="transport", score=3, justification="God vej"
    )
    evaluation_save(
        actor=screener, application=draft, criterion="utilities", score=4, justification="El ok"
    )
    evaluation_save(
        actor=screener, application=draft, criterion="transport", score=5, justification="E20"
    )
    assert total_score(draft) == pytest.approx(5 * 1.0 + 4 * 1.5)
    with pytest.raises(ParkError):
        evaluation_save(
            actor=screener, application=draft, criterion="transport", score=9, justification="x"
        )
    with pytest.raises(ParkError):
        evaluation_save(
            actor=screener, application=draft, criterion="transport", score=2, justification=" "
        )
    with pytest.raises(Forbidden):
        evaluation_save(
            actor=planner, application=draft, criterion="transport", score=2, justification="x"
        )


def test_lifecycle(planner: User, screener: User, designated_park: Park) -> None:
    park = designated_park
    assert park.status == ParkStatus.RESERVED
    assert park.sunset_on == date(2030, 10, 28)
    with pytest.raises(IllegalTransition):
        park_open(actor=planner, park=park, opened_on=date(2026, 1, 1))  # no lokalplan yet
    assert list(parks_near_sunset(30, today=date(2030, 10, 1))) == [park]
    park_adopt_local_plan(actor=planner, park=park, plan_id="LP-1", adopted_on=date(2026, 3, 1))
    assert list(parks_near_sunset(30, today=date(2030, 10, 1))) == []
    park_open(actor=planner, park=park, opened_on=date(2026, 4, 1))
    with pytest.raises(Forbidden):
        park_cease(actor=planner, park=park, ceased_on=date(2030, 1, 1), reason="x")
    park_cease(actor=screener, park=park, ceased_on=date(2030, 1, 1), reason="§ 13, stk. 5")
    assert park.status == ParkStatus.CEASED
    with pytest.raises(IllegalTransition):
        park_open(actor=screener, park=park, opened_on=date(2030, 2, 1))


def test_excluded_area_cannot_be_designated(
    planner: User, screener: User, open_round: ApplicationRound
) -> None:
    app = application_create(
        actor=planner,
        application_round=open_round,
        name="Mosen",
        geometry=area(**EXCLUDED_AREA),
        answers=FULL_ANSWERS,
    )
    application_submit(actor=planner, application=app)
    assert app.latest_screening().excluded is True  # type: ignore[union-attr]
    with pytest.raises(ParkError) as info:
        decision_record(
            actor=screener, application=app, designated=True, decided_on=date.today(), reasons="x"
        )
    assert info.value.code == "excluded_area"
    decision_record(
        actor=screener, application=app, designated=False, decided_on=date.today(), reasons="§ 3"
    )
    assert app.status == ApplicationStatus.NOT_DESIGNATED


def test_sunset_on_leap_day() -> None:
    assert sunset_date(date(2028, 2, 29)) == date(2033, 2, 28)


def test_commands(planner: User, screener: User, draft: ParkApplication) -> None:
    from io import StringIO

    from django.core.management import call_command

    application_submit(actor=planner, application=draft)
    meet_all_conditions(screener, draft)
    decide_politically(screener, draft.round)
    decision_record(
        actor=screener, application=draft, designated=True, decided_on=date.today(), reasons="ok"
    )
    out = StringIO()
    call_command("parks_sunset", "--days", "2000", stdout=out)
    assert "Testpark Vest" in out.getvalue()
    out = StringIO()
    call_command("parks_rescreen", stdout=out)
    assert "0 of 1" in out.getvalue()
