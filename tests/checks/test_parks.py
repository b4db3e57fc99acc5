"""Criterion C from the designated industrial parks in the database (checks/parks.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from shapely.geometry import box, mapping

from rodloeber.accounts.models import Organisation
from rodloeber.checks.parks import INSIDE_NOT_OPEN, INSIDE_OPEN, OUTSIDE, apply_park_fact
from rodloeber.parks.models import (
    ApplicationRound,
    ApplicationStatus,
    Park,
    ParkApplication,
    ParkStatus,
)

pytestmark = pytest.mark.django_db
INSIDE = (8.55, 55.50)  # Esbjerg Kommune
OUTSIDE_POINT = (8.60, 55.52)  # Esbjerg Kommune, 3 km away


def make_park(org: Organisation, status: str, name: str = "Testpark Esbjerg (test)") -> Park:
    rnd = ApplicationRound.objects.create(title="R", deadline=timezone.now() + timedelta(days=1))
    app = ParkApplication.objects.create(
        round=rnd,
        name=name,
        lead_municipality=org,
        geometry=dict(mapping(box(8.54, 55.49, 8.56, 55.51))),
        area_ha=280.0,
        status=ApplicationStatus.DESIGNATED,
        synthetic=True,
    )
    app.municipalities.set([org])
    return Park.objects.create(
        application=app,
        status=status,
        designated_on=date(2025, 10, 28),
        sunset_on=date(2030, 10, 28),
        local_plan_id="1234" if status != ParkStatus.RESERVED else "",
    )


@pytest.fixture
def esbjerg(org: Callable[[str], Organisation]) -> Organisation:
    return org("0561")


def facts(point: Any, answer: bool | None = None) -> dict[str, Any]:
    site: dict[str, Any] = {"kommune_kode": "0561", "point": list(point)}
    if answer is not None:
        site["in_industrial_park"] = answer
    return {"site": site}


@pytest.mark.parametrize("status", [ParkStatus.LOCAL_PLAN_ADOPTED, ParkStatus.OPEN])
def test_point_in_a_park_open_for_companies_meets_c(esbjerg: Organisation, status: str) -> None:
    park = make_park(esbjerg, status)
    data = facts(INSIDE, answer=False)
    match = apply_park_fact(data)
    assert match is not None and match.kind == INSIDE_OPEN
    assert data["site"]["in_industrial_park"] is True  # derived, overrides the answer
    assert match.park is not None and match.park.id == park.pk
    assert match.park.url == f"/industriparker/park/{park.pk}"
    assert "§ 13" in match.legal_basis


def test_point_in_a_reserved_park_does_not_meet_c_yet(esbjerg: Organisation) -> None:
    make_park(esbjerg, ParkStatus.RESERVED)
    data = facts(INSIDE, answer=True)
    match = apply_park_fact(data)
    assert match is not None and match.kind == INSIDE_NOT_OPEN
    assert data["site"]["in_industrial_park"] is False


def test_point_outside_keeps_the_users_answer(esbjerg: Organisation) -> None:
    make_park(esbjerg, ParkStatus.OPEN)
    data = facts(OUTSIDE_POINT, answer=True)  # e.g. a municipal industrial park
    match = apply_park_fact(data)
    assert match is not None and match.kind == OUTSIDE
    assert data["site"]["in_industrial_park"] is True
    unanswered = facts(OUTSIDE_POINT)
    apply_park_fact(unanswered)
    assert "in_industrial_park" not in unanswered["site"]


def test_ceased_parks_do_not_count(esbjerg: Organisation) -> None:
    make_park(esbjerg, ParkStatus.CEASED)
    data = facts(INSIDE, answer=False)
    assert apply_park_fact(data).kind == OUTSIDE  # type: ignore[union-attr]
    assert data["site"]["in_industrial_park"] is False


def _result(client: Client, full_answers: dict[int, dict[str, Any]], point: Any) -> str:
    full_answers[2].update({"site_lon": str(point[0]), "site_lat": str(point[1])})
    full_answers[2]["in_industrial_park"] = "no"
    for number, data in full_answers.items():
        assert client.post(f"/tjek/trin/{number}", data).status_code == 302
    return client.get("/tjek/resultat").content.decode()


def test_result_page_names_the_park(
    client: Client, full_answers: dict[int, dict[str, Any]], esbjerg: Organisation
) -> None:
    park = make_park(esbjerg, ParkStatus.OPEN)
    body = _result(client, full_answers, INSIDE)
    assert 'data-criterion="C" data-status="met"' in body
    assert 'data-park-match="inside_open"' in body
    assert "Testpark Esbjerg (test)" in body and f"/industriparker/park/{park.pk}" in body
    assert "28. okt. 2025" in body and "syntetiske demodata" in body  # DKFDS date (rl_dates)
    assert "Lov om planlægning § 13" in body


def test_result_page_explains_a_park_without_local_plan(
    client: Client, full_answers: dict[int, dict[str, Any]], esbjerg: Organisation
) -> None:
    make_park(esbjerg, ParkStatus.RESERVED)
    body = _result(client, full_answers, INSIDE)
    assert 'data-criterion="C" data-status="not_met"' in body
    assert 'data-park-match="inside_not_open"' in body
    assert "men lokalplanen er endnu ikke vedtaget" in body
    assert "Ingen virksomhed kan etablere sig i parken" in body


def test_result_page_outside_and_kommune_only(
    client: Client, full_answers: dict[int, dict[str, Any]], esbjerg: Organisation
) -> None:
    make_park(esbjerg, ParkStatus.OPEN)
    body = _result(client, full_answers, OUTSIDE_POINT)
    assert 'data-criterion="C" data-status="not_met"' in body  # the user said no
    assert 'data-park-match="outside"' in body
    client.post("/tjek/trin/2", {**full_answers[2], "site_lon": "", "site_lat": ""})
    body = client.get("/tjek/resultat").content.decode()
    assert 'data-park-match="in_kommune"' in body and "Testpark Esbjerg (test)" in body


def test_map_click_tells_the_park_at_once(client: Client, esbjerg: Organisation) -> None:
    make_park(esbjerg, ParkStatus.RESERVED)
    inside = client.get(f"/tjek/kommune?site_lon={INSIDE[0]}&site_lat={INSIDE[1]}")
    assert "Testpark Esbjerg (test)" in inside.content.decode()
    outside = client.get(f"/tjek/kommune?site_lon={OUTSIDE_POINT[0]}&site_lat={OUTSIDE_POINT[1]}")
    assert "Testpark" not in outside.content.decode()


def _criterion_c(body: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in body["criteria"] if c["code"] == "C")


def _api_eligibility(point: Any) -> dict[str, Any]:
    import json
    from pathlib import Path

    example = json.loads(
        (Path(__file__).parents[1] / "api" / "fixtures" / "electrolyser_esbjerg.json").read_text()
    )
    example["site"] = {"kommune_kode": "0561", "point": list(point)}
    response = Client().post(
        "/api/v1/eligibility", json.dumps(example), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_api_derives_c_from_a_park_open_for_companies(esbjerg: Organisation) -> None:
    assert _criterion_c(_api_eligibility(INSIDE))["met"] is not True  # no park yet
    make_park(esbjerg, ParkStatus.LOCAL_PLAN_ADOPTED)
    assert _criterion_c(_api_eligibility(INSIDE))["met"] is True
    assert _criterion_c(_api_eligibility(OUTSIDE_POINT))["met"] is not True


def test_api_c_not_met_in_a_park_without_lokalplan(esbjerg: Organisation) -> None:
    make_park(esbjerg, ParkStatus.RESERVED)
    assert _criterion_c(_api_eligibility(INSIDE))["met"] is False


def test_cli_derives_c_like_the_api(esbjerg: Organisation, tmp_path: Any) -> None:
    import io
    import json
    from pathlib import Path

    from django.core.management import call_command

    make_park(esbjerg, ParkStatus.OPEN)
    example = json.loads(
        (Path(__file__).parents[1] / "api" / "fixtures" / "electrolyser_esbjerg.json").read_text()
    )
    example["site"] = {"kommune_kode": "0561", "point": list(INSIDE)}
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    out = io.StringIO()
    call_command("eligibility", str(path), stdout=out)
    assert _criterion_c(json.loads(out.getvalue()))["met"] is True
