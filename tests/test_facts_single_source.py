"""One source for project facts (issue #21 item 4).

The domain dataclass :class:`rodloeber.domain.facts.ProjectFacts` is the
definition. The API schema (``ProjectFactsIn``), the /tjek wizard (its
questions) and the test strategies are checked field for field against it, so
a fact added in one place and forgotten in another fails here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, get_args, get_origin

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

from rodloeber.checks.api.schemas import ProjectFactsIn
from rodloeber.checks.questions import CHOICE, INT, MULTI, NUMBER, SELECT, TEXT, TONNES, YESNO
from rodloeber.checks.steps import QUESTIONS
from rodloeber.domain import facts as domain_facts
from rodloeber.domain.facts import ProjectFacts

from .domain.conftest import QUIET
from .domain.strategies_domain import facts_data

NESTED = {"site": domain_facts.Site, "construction": domain_facts.Construction}
#: Domain choices (str fields validated against a fixed tuple) by path.
CHOICES = {
    "kind": domain_facts.KINDS,
    "crma_stage": domain_facts.CRMA_STAGES,
    "eia_annex": domain_facts.EIA_ANNEXES,
    "wastewater": domain_facts.WASTEWATER,
    "site.zone": domain_facts.ZONES,
}
#: Facts the strategies leave at the QUIET value or unknown, with the reason.
NOT_DRAWN = {
    "title": "free text; no rule reads it",
    "investor_country": "drawn via foreign_investor rules in navigator tests",
    "site.kommune_kode": "fixed in QUIET; names come from the DAGI list",
    "site.point": "geometry; covered by tests/checks/test_geo.py",
}


def _leaf_type(tp: Any) -> Any:
    """``X | None`` -> ``X``."""
    args = [a for a in get_args(tp) if a is not type(None)]
    return args[0] if get_origin(tp) in (typing.Union, types.UnionType) and args else tp


def domain_paths() -> dict[str, Any]:
    hints = typing.get_type_hints(ProjectFacts)
    paths: dict[str, Any] = {}
    for f in dataclasses.fields(ProjectFacts):
        if f.name in NESTED:
            sub = NESTED[f.name]
            sub_hints = typing.get_type_hints(sub)
            for g in dataclasses.fields(sub):
                paths[f"{f.name}.{g.name}"] = _leaf_type(sub_hints[g.name])
        else:
            paths[f.name] = _leaf_type(hints[f.name])
    return paths


def schema_paths() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for name, field in ProjectFactsIn.model_fields.items():
        tp = _leaf_type(field.annotation)
        if name in NESTED:
            assert isinstance(tp, type) and issubclass(tp, BaseModel), name
            for sub, sub_field in tp.model_fields.items():
                paths[f"{name}.{sub}"] = _leaf_type(sub_field.annotation)
        else:
            paths[name] = tp
    return paths


def test_api_schema_has_exactly_the_domain_fields():
    assert set(schema_paths()) == set(domain_paths())


@pytest.mark.parametrize("path", sorted(domain_paths()))
def test_api_schema_type_matches_the_domain(path):
    domain, schema = domain_paths()[path], schema_paths()[path]
    if path in CHOICES:
        assert get_origin(schema) is Literal
        assert set(get_args(schema)) == set(CHOICES[path])
    elif domain is bool:
        assert schema is bool
    elif domain in (int, float):
        assert schema in (int, float)
    elif domain is str:
        assert schema is str
    elif get_origin(domain) is tuple or path == "site.point":
        assert get_origin(schema) is list
    else:
        pytest.fail(f"{path}: no rule for {domain!r} / {schema!r}")


def test_wizard_asks_every_domain_fact():
    asked = {q.path for q in QUESTIONS.values() if q.path}
    assert asked == set(domain_paths()) | {"hazardous_substances"}


KIND_FOR = {bool: {YESNO}, int: {INT, NUMBER}, float: {NUMBER, INT}, str: {TEXT, SELECT, CHOICE}}


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS.values() if q.path], ids=lambda q: q.name
)
def test_wizard_question_kind_fits_the_domain_type(question):
    domain = domain_paths().get(question.path)
    if question.path == "hazardous_substances":
        assert question.kind in (YESNO, TONNES)
        return
    if question.path == "site.point":
        return
    if get_origin(domain) is tuple:
        assert question.kind == MULTI
    else:
        assert question.kind in KIND_FOR[domain], (question.name, domain)
    if question.kind == CHOICE and question.path in CHOICES:
        offered = {value for value, _label in question.choices} - {"unknown", "none"}
        assert offered == set(CHOICES[question.path]) - {"unknown", "none"}


def _paths_of(data: dict[str, Any]) -> set[str]:
    found = set()
    for key, value in data.items():
        if key in NESTED and isinstance(value, dict):
            found |= {f"{key}.{sub}" for sub in value}
        else:
            found.add(key)
    return found


SEEN: set[str] = set()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=facts_data())
def _collect(data):
    SEEN.update(_paths_of(data))


def test_strategies_draw_every_domain_fact():
    _collect()
    missing = set(domain_paths()) - SEEN - set(NOT_DRAWN)
    assert not missing, f"strategies never set {sorted(missing)}"
    assert set(NOT_DRAWN) <= set(domain_paths())
    assert _paths_of(QUIET) <= set(domain_paths())
