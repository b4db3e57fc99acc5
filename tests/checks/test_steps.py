"""The /tjek steps: rendering, validation, "don't know", navigation, hidden answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from rodloeber.checks.steps import STEPS
from rodloeber.checks.views import SESSION_KEY

pytestmark = pytest.mark.django_db


def _english(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/tjek"})


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_every_step_renders_accessible_questions(client: Client, number: int) -> None:
    body = client.get(f"/tjek/trin/{number}").content.decode()
    assert '<html lang="da"' in body
    assert 'class="step-indicator"' in body
    assert 'aria-current="step"' in body
    for q in STEPS[number - 1].questions:
        assert f'name="{q.name}"' in body or q.kind in ("point", "tonnes")
        assert f'id="{q.input_id}-hint"' in body
    assert "Ved ikke" in body


def test_start_page_is_step_one_and_web_check_still_works(client: Client) -> None:
    from django.urls import reverse

    assert reverse("web:check") == "/tjek"
    body = client.get("/tjek").content.decode()
    assert 'action="/tjek/trin/1"' in body
    assert "Tjek af adgang og tilladelser" in body
    assert client.get("/tjek/").status_code == 200


def test_step_two_has_municipalities_address_and_map(client: Client) -> None:
    body = client.get("/tjek/trin/2").content.decode()
    assert body.count("<option value=") == 99  # 98 municipalities + "don't know"
    assert "Esbjerg Kommune" in body
    assert 'name="site_address"' in body and "hx-get=" in body
    assert "data-rl-map" in body and 'name="site_lon"' in body


def test_valid_steps_move_on_and_the_last_goes_to_the_result(
    client: Client, full_answers: dict[int, dict[str, Any]]
) -> None:
    for number, data in full_answers.items():
        response = client.post(f"/tjek/trin/{number}", data)
        expected = "/tjek/resultat" if number == 5 else f"/tjek/trin/{number + 1}"
        assert response.status_code == 302, response.content.decode()[:500]
        assert response["Location"] == expected
    body = client.get("/tjek/resultat").content.decode()
    assert 'data-status="eligible"' in body


def test_invalid_answer_shows_errors_and_keeps_every_answer(client: Client) -> None:
    response = client.post(
        "/tjek/trin/1",
        {
            "title": "Min fabrik",
            "investment_dkk": "mange penge",
            "kind": "new",
            "nzia_strategic": "yes",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="error-summary"' in body
    assert 'href="#q-investment-dkk"' in body
    assert 'aria-invalid="true"' in body
    assert 'value="Min fabrik"' in body
    assert 'value="mange penge"' in body
    assert 'value="new" checked' in body
    assert 'value="yes" checked' in body
    assert "Fejl:" in body  # page title says there is an error
    assert client.session[SESSION_KEY]["investment_dkk"] == "mange penge"


def test_errors_in_english(client: Client) -> None:
    _english(client)
    body = client.post("/tjek/trin/4", {"investor_country": "Germany"}).content.decode()
    assert "There is a problem" in body
    assert "two-letter country code" in body


def test_dont_know_is_unknown_in_the_result(client: Client) -> None:
    client.post(
        "/tjek/trin/1",
        {"kind": "unknown", "investment_dkk__unknown": "1", "nzia_strategic": "unknown"},
    )
    client.post("/tjek/trin/2", {"in_industrial_park": "unknown", "zone": "unknown"})
    body = client.get("/tjek/resultat").content.decode()
    assert 'data-status="possibly"' in body
    assert 'data-criterion="B1" data-status="possibly"' in body
    assert 'data-criterion="C" data-status="possibly"' in body
    assert "Antagelser" in body or "Assumptions" in body
    assert "Investeringens størrelse" in body or "investering" in body.lower()


def test_back_and_jump_keep_answers_without_validation(client: Client) -> None:
    response = client.post("/tjek/trin/2", {"natura2000_within_km": "langt", "nav": "back"})
    assert response["Location"] == "/tjek/trin/1"
    response = client.post("/tjek/trin/1", {"title": "X", "goto": "4"})
    assert response["Location"] == "/tjek/trin/4"
    answers = client.session[SESSION_KEY]
    assert answers["natura2000_within_km"] == "langt" and answers["title"] == "X"
    # the result sends the user back to the step with the error
    response = client.get("/tjek/resultat")
    assert response["Location"] == "/tjek/trin/2?fejl=1"
    body = client.get(response["Location"]).content.decode()
    assert 'href="#q-natura2000-within-km"' in body


def test_hidden_fields_carry_answers_of_other_steps(client: Client) -> None:
    client.post("/tjek/trin/1", {"title": "Skjult", "investment_dkk": "200000000"})
    body = client.get("/tjek/trin/3").content.decode()
    assert '<input type="hidden" name="title" value="Skjult">' in body
    # a fresh session (e.g. expired) posting step 3 with the hidden fields loses nothing
    fresh = Client()
    fresh.post(
        "/tjek/trin/3",
        {"title": "Skjult", "investment_dkk": "200000000", "eia_annex": "none"},
    )
    answers = fresh.session[SESSION_KEY]
    assert answers["title"] == "Skjult" and answers["eia_annex"] == "none"


def test_step_out_of_range_goes_to_step_one(client: Client) -> None:
    assert client.get("/tjek/trin/9")["Location"] == "/tjek/trin/1"


def test_start_over_forgets_answers(client: Client) -> None:
    client.post("/tjek/trin/1", {"title": "Glem mig"})
    assert client.post("/tjek/ny")["Location"] == "/tjek/trin/1"
    assert SESSION_KEY not in client.session


def test_kommune_lookup_fragment(client: Client) -> None:
    body = client.get("/tjek/kommune", {"site_lon": "8.45", "site_lat": "55.47"}).content.decode()
    assert 'data-kommune-kode="0561"' in body and "Esbjerg Kommune" in body
    body = client.get("/tjek/kommune", {"site_lon": "5", "site_lat": "56"}).content.decode()
    assert 'data-kommune-kode=""' in body
    body = client.get("/tjek/kommune", {"site_address": "Havnevej 2, Esbjerg"}).content.decode()
    assert 'data-kommune-kode="0561"' in body
