"""§ 13 stk. 1 conditions as requirements: findings, eligibility, selection, decision."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.audit.models import AuditEvent
from rodloeber.domain.selection import SelectionError
from rodloeber.parks.conditions import application_eligibility, condition_assess
from rodloeber.parks.errors import Forbidden, IllegalTransition, ParkError
from rodloeber.parks.lifecycle import decision_record
from rodloeber.parks.models import ApplicationRound, ParkApplication
from rodloeber.parks.selection import run_selection
from rodloeber.parks.services import application_create, application_submit, evaluation_save
from tests.parks.conftest import FULL_ANSWERS, area, meet_all_conditions

pytestmark = pytest.mark.django_db


def submitted(planner: User, rnd: ApplicationRound, name: str, x: float) -> ParkApplication:
    app = application_create(
        actor=planner, application_round=rnd, name=name, geometry=area(x=x), answers=FULL_ANSWERS
    )
    return application_submit(actor=planner, application=app)


def test_finding_needs_evidence_and_is_audited_once(
    planner: User, screener: User, draft: ParkApplication
) -> None:
    with pytest.raises(IllegalTransition):  # a draft is not evaluated
        condition_assess(actor=screener, application=draft, number=1, state="met")
    application_submit(actor=planner, application=draft)
    with pytest.raises(Forbidden):
        condition_assess(actor=planner, application=draft, number=1, state="unknown")
    with pytest.raises(ParkError) as info:
        condition_assess(actor=screener, application=draft, number=1, state="met")
    assert info.value.code == "evidence_kind_required"
    with pytest.raises(ParkError) as info:
        condition_assess(
            actor=screener, application=draft, number=1, state="met", evidence_kind="screening"
        )
    assert info.value.code == "evidence_required"
    with pytest.raises(ParkError) as info:
        condition_assess(actor=screener, application=draft, number=6, state="unknown")
    assert info.value.code == "unknown_condition"
    before = AuditEvent.objects.count()
    condition_assess(
        actor=screener,
        application=draft,
        number=2,
        state="not_met",
        evidence_kind="municipal_answer",
        evidence="Ingen hensigtserklæringer vedlagt",
    )
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert event is not None and event.action == "parks.condition_assess"
    result = application_eligibility(draft)
    assert not result.eligible
    assert any("Nr. 2 er ikke opfyldt" in r for r in result.reasons_da)
    assert any("No. 1 has not been assessed" in r for r in result.reasons_en)


def test_high_score_with_a_condition_not_met_is_never_selected_or_designated(
    planner: User, screener: User, open_round: ApplicationRound
) -> None:
    star = submitted(planner, open_round, "Stjerne", -10_000)
    plain = submitted(planner, open_round, "Jævn", 10_000)
    for app, score in ((star, 5), (plain, 1)):
        evaluation_save(
            actor=screener,
            application=app,
            criterion="business_interest",
            score=score,
            justification="test",
        )
    meet_all_conditions(screener, plain)
    meet_all_conditions(screener, star)
    condition_assess(
        actor=screener,
        application=star,
        number=3,
        state="not_met",
        evidence_kind="evaluator_note",
        evidence="Elnettet kan ikke udbygges før 2035",
    )
    outcome = run_selection(actor=screener, application_ids=[star.pk, plain.pk], n=1)
    assert outcome.result.chosen == (str(plain.pk),)
    assert outcome.ineligible == [star.pk]
    data = outcome.to_dict("da")
    assert "Nr. 3 er ikke opfyldt" in " ".join(data["ineligible_reasons"][str(star.pk)])
    with pytest.raises(ParkError) as info:
        decision_record(
            actor=screener,
            application=star,
            designated=True,
            decided_on=date.today(),
            reasons="x",
        )
    assert info.value.code == "conditions_not_met"
    with pytest.raises(SelectionError) as info:
        run_selection(actor=screener, application_ids=[star.pk, plain.pk], n=2)
    assert info.value.code == "too_few_eligible"


def test_pages_show_conditions_and_explain_nothing_selectable(
    planner: User, screener: User, open_round: ApplicationRound
) -> None:
    client = Client()
    client.force_login(screener)
    empty = client.get("/industriparker/udvaelgelse")
    assert empty.status_code == 200
    assert "No application has been submitted" in empty.content.decode() or (
        "Ingen ansøgning er indsendt" in empty.content.decode()
    )
    refused = client.post("/industriparker/udvaelgelse", {"n": "1", "min_distance_km": "0"})
    assert "mellem 1 og 0" not in refused.content.decode()
    app = submitted(planner, open_round, "Nordpark", -10_000)
    page = client.get("/industriparker/udvaelgelse").content.decode()
    assert "Ingen ansøgning kan udvælges endnu" in page or "No application can be" in page
    detail = client.post(
        f"/industriparker/ansoegninger/{app.pk}",
        {
            "action": "condition",
            "number": "1",
            "state": "met",
            "evidence_kind": "municipal_answer",
            "evidence": "Byrådsbeslutning 3. marts",
        },
    )
    assert detail.status_code == 302
    assert app.conditions.get(number=1).state == "met"
    shown = client.get(f"/industriparker/ansoegninger/{app.pk}").content.decode()
    assert "Byrådsbeslutning 3. marts" in shown
    for n in range(2, 6):
        condition_assess(
            actor=screener,
            application=app,
            number=n,
            state="met",
            evidence_kind="screening",
            evidence="ok",
        )
    chosen = client.post(
        "/industriparker/udvaelgelse", {"n": "1", "min_distance_km": "0", "ids": [str(app.pk)]}
    )
    assert chosen.status_code == 200
    assert "Nordpark" in chosen.content.decode()


def test_draft_screening_page_says_it_is_screened_on_submission(
    planner: User, draft: ParkApplication
) -> None:
    client = Client()
    client.force_login(planner)
    page = client.get(f"/industriparker/ansoegninger/{draft.pk}/screening")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Screenes ved indsendelse" in text or "Screened on submission" in text
    draft.screenings.all().delete()
    page = client.get(f"/industriparker/ansoegninger/{draft.pk}/screening")
    assert page.status_code == 200
