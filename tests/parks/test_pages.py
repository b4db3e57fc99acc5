"""Parks pages: public list, planner form with GeoJSON upload, screener pages, 404s."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from rodloeber.accounts.models import User
from rodloeber.parks.lifecycle import decision_record
from rodloeber.parks.models import ApplicationRound, ApplicationStatus, Park, ParkApplication
from rodloeber.parks.services import application_submit, evaluation_save
from tests.parks.conftest import FULL_ANSWERS, area, decide_politically, meet_all_conditions

pytestmark = pytest.mark.django_db


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_public_page_lists_designated_parks(
    client: Client, planner: User, screener: User, draft: ParkApplication
) -> None:
    application_submit(actor=planner, application=draft)
    meet_all_conditions(screener, draft)
    decide_politically(screener, draft.round)
    decision_record(
        actor=screener,
        application=draft,
        designated=True,
        decided_on=date(2025, 10, 28),
        reasons="Opfylder § 13",
    )
    page = client.get("/industriparker")
    assert page.status_code == 200
    assert "Testpark Vest" in page.content.decode()
    detail = client.get(f"/industriparker/park/{draft.park.pk}")
    assert detail.status_code == 200
    assert "2030" in detail.content.decode()  # sunset date shown
    response = client.get("/industriparker/parker.geojson")
    assert response["Content-Type"] == "application/geo+json"  # RFC 7946, as the land API
    geo = response.json()
    assert geo["features"][0]["properties"]["name"] == "Testpark Vest"
    # the map's first paint: the park drawn on the static overview map (ADR 0029)
    svg = client.get("/industriparker/oversigt.svg")
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b'fill="#c62828"' in svg.content
    assert 'src="/industriparker/oversigt.svg"' in page.content.decode()


def test_planner_creates_application_by_upload(planner: User, open_round: ApplicationRound) -> None:
    client = login(planner)
    assert client.get("/industriparker/ansoegninger/ny").status_code == 200
    upload = SimpleUploadedFile(
        "area.geojson", json.dumps({"type": "Feature", "geometry": area()}).encode()
    )
    data = {"name": "Uploadet park", "geometry_file": upload, "round": open_round.pk}
    data.update({f"answer_{k}": v for k, v in FULL_ANSWERS.items()})
    response = client.post("/industriparker/ansoegninger/ny", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    app = ParkApplication.objects.get(name="Uploadet park")
    assert app.area_ha == pytest.approx(64, abs=0.1)
    detail = client.get(f"/industriparker/ansoegninger/{app.pk}")
    assert detail.status_code == 200
    client.post(f"/industriparker/ansoegninger/{app.pk}", {"action": "submit"})
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
    assert client.get(f"/industriparker/ansoegninger/{app.pk}/screening").status_code == 200


def test_bad_upload_shows_error(planner: User, open_round: ApplicationRound) -> None:
    client = login(planner)
    upload = SimpleUploadedFile("a.geojson", b"not json")
    response = client.post(
        "/industriparker/ansoegninger/ny", {"name": "X", "geometry_file": upload}
    )
    assert response.status_code == 422  # a refused form is not a success
    assert 'class="form-group form-error"' in response.content.decode()


def test_screener_pages_and_exports(planner: User, screener: User, draft: ParkApplication) -> None:
    application_submit(actor=planner, application=draft)
    evaluation_save(
        actor=screener, application=draft, criterion="transport", score=4, justification="E20"
    )
    client = login(screener)
    page = client.get("/industriparker/sammenligning?sort=name")
    assert page.status_code == 200 and "Testpark Vest" in page.content.decode()
    csv_text = client.get("/industriparker/sammenligning?format=csv").content.decode()
    assert "Testpark Vest" in csv_text and "4.0" in csv_text
    xlsx = client.get("/industriparker/sammenligning?format=xlsx").content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet is not None and sheet.cell(2, 2).value == "Testpark Vest"
    meet_all_conditions(screener, draft)
    response = client.post(
        "/industriparker/udvaelgelse", {"n": 1, "min_distance_km": 0, "ids": [draft.pk]}
    )
    assert response.status_code == 200 and "Optimal" in response.content.decode()


def test_hidden_pages_answer_404(
    other_planner: User, screener: User, admin: User, draft: ParkApplication
) -> None:
    url = f"/industriparker/ansoegninger/{draft.pk}"
    assert login(other_planner).get(url).status_code == 404
    assert login(screener).get(url).status_code == 404  # still a draft
    assert login(admin).get(url).status_code == 404
    assert login(other_planner).get("/industriparker/sammenligning").status_code == 404
    assert login(screener).get("/industriparker/runder/ny").status_code == 404
    assert login(admin).get("/industriparker/runder/ny").status_code == 200


def test_park_page_refuses_a_bad_date_in_danish(planner: User, designated_park: Park) -> None:
    client = login(planner)
    url = f"/industriparker/park/{designated_park.pk}"
    page = client.post(url, {"step": "local_plan", "plan_id": "1", "on": "1. marts"}, follow=True)
    assert "Skriv datoen som ÅÅÅÅ-MM-DD." in page.content.decode()
    designated_park.refresh_from_db()
    assert designated_park.status == "reserved"


def test_application_page_shows_legal_bases_in_the_page_language(
    planner: User, draft: ParkApplication
) -> None:
    client = login(planner)
    danish = client.get(f"/industriparker/ansoegninger/{draft.pk}").content.decode()
    assert "L 206 § 13, stk. 1, nr. 1" in danish
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/industriparker/ansoegninger/{draft.pk}").content.decode()
    assert '<html lang="en"' in english
    assert "L 206 s. 13(1), no. 1" in english
    assert "stk." not in english and "jf." not in english


def test_application_names_its_municipalities_in_the_page_language(
    planner: User, draft: ParkApplication
) -> None:
    lead = draft.lead_municipality
    assert lead.name_en and lead.name_en != lead.name
    client = login(planner)
    danish = client.get(f"/industriparker/ansoegninger/{draft.pk}").content.decode()
    assert f"<dd>{lead.name}" in danish
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/industriparker/ansoegninger/{draft.pk}").content.decode()
    assert f"<dd>{lead.name_en}" in english and f"<dd>{lead.name}" not in english
    listing = client.get("/industriparker/ansoegninger/").content.decode()
    assert lead.name_en in listing
