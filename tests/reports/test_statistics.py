"""The public figures cache (reports/statistics.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import override_settings

from rodloeber.cases.models import Case
from rodloeber.reports import statistics
from rodloeber.reports.figures import Scope

pytestmark = pytest.mark.django_db


def _total(figures: list[Any]) -> Any:
    fig = next(f for f in figures if f.key == "cases-by-category")
    return fig.as_json()


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def test_without_cache_every_call_sees_new_data(fixed_cases: Any) -> None:
    before = _total(statistics.public_figures(Scope.default()))
    Case.objects.filter(pk=Case.objects.order_by("pk").values("pk")[:1]).delete()
    after = _total(statistics.public_figures(Scope.default()))
    assert before != after


@override_settings(RODLOEBER_STATISTICS_CACHE_SECONDS=300)
def test_cached_figures_are_reused_until_the_interval_ends(
    fixed_cases: Any, django_assert_max_num_queries: Any
) -> None:
    first_at, first = statistics.computed_figures(Scope.default())
    with django_assert_max_num_queries(0):
        second_at, second = statistics.computed_figures(Scope.default())
    assert second_at == first_at
    assert [f.as_json() for f in second] == [f.as_json() for f in first]
    payload = statistics.public_payload(Scope.default())
    assert payload["generated_at"] == first_at.isoformat()
    cache.clear()  # what the end of the interval does
    third_at, _ = statistics.computed_figures(Scope.default())
    assert third_at > first_at


@override_settings(RODLOEBER_STATISTICS_CACHE_SECONDS=300)
def test_demo_and_real_scopes_are_cached_apart(fixed_cases: Any) -> None:
    Case.objects.update(synthetic=True)
    today = Scope.default().today
    with_demo = statistics.public_figures(Scope(True, today))
    without = statistics.public_figures(Scope(False, today))
    assert [f.as_json() for f in with_demo] != [f.as_json() for f in without]


@override_settings(RODLOEBER_STATISTICS_CACHE_SECONDS=300)
def test_page_reuses_rendered_figures_per_language(fixed_cases: Any) -> None:
    from django.test import Client

    danish = Client().get("/statistik").content.decode()
    assert "Sager efter kriterium" in danish
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english = english_client.get("/statistik").content.decode()
    assert "Cases by eligibility criterion" in english
    assert "Sager efter kriterium" not in english
    again = Client().get("/statistik").content.decode()
    assert "Sager efter kriterium" in again
