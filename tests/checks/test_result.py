"""The result page: eligibility with reasons, cap, permits, graph, guidance, plan link."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _answer(client: Client, answers: dict[int, dict[str, Any]]) -> None:
    for number, data in answers.items():
        assert client.post(f"/tjek/trin/{number}", data).status_code == 302


def test_result_shows_every_part(client: Client, full_answers: dict[int, dict[str, Any]]) -> None:
    _answer(client, full_answers)
    body = client.get("/tjek/resultat").content.decode()
    assert 'data-status="eligible"' in body
    for code in ("A", "B1", "B2", "C"):
        assert f'data-criterion="{code}"' in body
    assert 'data-testid="binding-cap"' in body and "18" in body
    assert 'class="rl-binding"' in body  # the binding regime is marked among all considered
    assert 'data-permit="environmental_approval"' in body
    assert "Miljøstyrelsen" in body and "Esbjerg Kommune" in body
    assert '<svg class="rl-graph"' in body and 'role="img"' in body
    assert "marker-end" in body  # dependencies drawn as arrows
    assert "Forordningen om nettonulindustri (NZIA)" in body  # EU guidance from the catalogue
    assert "Seveso III" in body
    assert 'name="facts"' in body and 'name="clock_start"' in body
    assert 'action="/procesplan"' in body


def test_not_eligible_is_not_a_dead_end(client: Client) -> None:
    _answer(
        client,
        {
            1: {
                "kind": "new",
                "investment_dkk": "5000000",
                "net_zero_technology": "none",
                "nzia_strategic": "no",
                "crma_strategic": "no",
                "crma_stage": "none",
            },
            2: {"kommune": "0101", "zone": "byzone", "in_industrial_park": "no"},
            3: {"new_buildings_m2": "500", "activities": ["none"]},
        },
    )
    body = client.get("/tjek/resultat").content.decode()
    assert 'data-status="not_eligible"' in body or 'data-status="possibly"' in body
    assert 'data-criterion="B1" data-status="not_met"' in body
    assert "100.000.000" in body  # what would change B1
    assert 'data-permit="building_permit"' in body
    assert 'action="/procesplan"' in body


def test_result_in_english(client: Client, full_answers: dict[int, dict[str, Any]]) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/tjek"})
    full_answers[1]["investment_dkk"] = "1,200,000,000"
    full_answers[1]["capacity_gw_per_year"] = "1.2"
    full_answers[3]["water_abstraction_m3_per_year"] = "150,000"
    full_answers[3]["new_buildings_m2"] = "40,000"
    full_answers[2]["natura2000_within_km"] = "1.5"
    _answer(client, full_answers)
    body = client.get("/tjek/resultat").content.decode()
    assert '<html lang="en"' in body
    assert "The project can enter the one-stop-shop" in body
    assert "Environmental approval" in body
    assert "Esbjerg Municipality" in body
    assert "Net-Zero Industry Act (NZIA)" in body
    # Legal bases in English, the Danish act name kept in brackets (laws.yaml).
    assert "Environmental Protection Act (miljøbeskyttelsesloven) s. 33" in body
    assert "Miljøbeskyttelsesloven § 33" not in body
    # EU guidance names its act in English too (laws.yaml), never "Direktiv ... EØF"
    assert "Directive 92/43/EEC (Habitats Directive) and 2009/147/EC (Birds Directive)" in body
    assert "Direktiv" not in body and "fuglebeskyttelsesdirektivet" not in body
    legal_lines = re.findall(r'class="rl-legal">(.*?)</', body, re.S)
    assert legal_lines and not [x for x in legal_lines if re.search(r"stk\.|jf\.|§", x)]


def test_result_in_danish_keeps_the_legal_basis_as_written(
    client: Client, full_answers: dict[int, dict[str, Any]]
) -> None:
    _answer(client, full_answers)
    body = client.get("/tjek/resultat").content.decode()
    assert "Miljøbeskyttelsesloven § 33" in body
    assert "Environmental Protection Act" not in body
    assert "Direktiv 92/43/EØF (habitatdirektivet) og 2009/147/EF" in body


def test_address_note_on_result(client: Client) -> None:
    client.post("/tjek/trin/2", {"site_address": "Industrivej 1, 6700 Esbjerg"})
    body = client.get("/tjek/resultat").content.decode()
    assert "Kommunen blev læst i adressen: Esbjerg Kommune." in body


def test_plan_link_is_guarded_when_the_url_is_missing(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rodloeber.checks import views

    monkeypatch.setattr(views, "plan_preview_url", lambda: None)
    body = client.get("/tjek/resultat").content.decode()
    assert 'action="/procesplan"' not in body
    assert "procesplan" in body.lower()
