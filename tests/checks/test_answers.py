"""From form answers to ProjectFacts: edge parsing, "don't know" and error mapping."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from rodloeber.checks.answers import convert, parse_int, parse_number
from rodloeber.domain.facts import parse_project_facts


def _flat(full: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {k: v for step in full.values() for k, v in step.items()}


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("150000000", 150000000),
        ("150.000.000", 150000000),
        ("150 000 000", 150000000),
        ("150,000,000", 150000000),
    ],
)
def test_parse_int(raw: str, value: int) -> None:
    assert parse_int(raw) == value


@pytest.mark.parametrize("raw", ["1.5", "abc", "-3", "12.34.56"])
def test_parse_int_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_int(raw)


def test_parse_number_in_both_languages() -> None:
    assert parse_number("1,5", "da") == 1.5
    assert parse_number("40.000", "da") == 40000
    assert parse_number("1.5", "en") == 1.5
    assert parse_number("40,000", "en") == 40000
    with pytest.raises(ValueError):
        parse_number("mange", "da")


@pytest.mark.django_db
def test_full_answers_give_valid_facts(full_answers: dict[int, dict[str, Any]]) -> None:
    conv = convert(_flat(full_answers), "da")
    assert conv.errors == {}
    facts = parse_project_facts(conv.facts)
    assert facts.investment_dkk == 1_200_000_000
    assert facts.capacity_gw_per_year == 1.2
    assert facts.crma_stage is None
    assert facts.site.kommune_kode == "0561"
    assert facts.site.archaeology_interest is None  # "don't know"
    assert facts.hazardous_substances is not None
    assert facts.hazardous_substances[0].name == "hydrogen"
    assert facts.investor_country == "DE"
    assert facts.construction is not None and facts.construction.peak_workers == 250


def test_dont_know_everywhere_gives_unknown_facts() -> None:
    answers = {
        "kind": "unknown",
        "investment_dkk": "5",
        "investment_dkk__unknown": "1",
        "nzia_strategic": "unknown",
        "zone": "unknown",
        "activities": ["unknown"],
        "ets_activities": ["none"],
        "hazardous": "unknown",
    }
    conv = convert(answers, "da")
    assert conv.errors == {}
    assert "investment_dkk" not in conv.facts
    assert "kind" not in conv.facts
    assert "activities" not in conv.facts
    assert conv.facts["ets_activities"] == []
    assert "hazardous_substances" not in conv.facts


def test_errors_are_per_field_and_in_the_users_language() -> None:
    answers = {
        "investment_dkk": "mange penge",
        "activities": ["unknown", "bilag1:4.2.a"],
        "hazardous": "yes",
        "investor_country": "Germany",
        "nzia_strategic": "maybe",
    }
    with translation.override("da"):
        da = convert(answers, "da")
    assert set(da.errors) == {
        "investment_dkk",
        "activities",
        "hazardous_tonnes",
        "investor_country",
        "nzia_strategic",
    }
    assert "landekode" in da.errors["investor_country"]  # from parse_project_facts, Danish
    en = convert(answers, "en")
    assert "country code" in en.errors["investor_country"]


def test_site_from_point_address_and_conflicts() -> None:
    point = convert({"site_lon": "8.45", "site_lat": "55.47"}, "en")
    assert point.facts["site"] == {"point": [8.45, 55.47], "kommune_kode": "0561"}
    assert "Esbjerg Municipality" in point.notes[0]
    address = convert({"site_address": "Industrivej 1, 6700 Esbjerg"}, "da")
    assert address.facts["site"] == {"kommune_kode": "0561"}
    assert "Esbjerg Kommune" in address.notes[0]
    conflict = convert({"kommune": "0101", "site_lon": "8.45", "site_lat": "55.47"}, "da")
    assert "kommune" in conflict.errors
    sea = convert({"site_lon": "5.0", "site_lat": "56.0"}, "da")
    assert "site_point" in sea.errors
    unknown = convert({"site_address": "Et sted på landet"}, "da")
    assert "site" not in unknown.facts
    assert unknown.notes
