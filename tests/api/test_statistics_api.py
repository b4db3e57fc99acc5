"""GET /api/v1/statistics: public, suppressed, same figures as the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.reports.conftest import fixed_cases  # noqa: F401  (shared fixture)

pytestmark = pytest.mark.django_db


def test_statistics_api_is_public_and_suppressed(fixed_cases: Any) -> None:  # noqa: F811
    response = Client().get("/api/v1/statistics")
    assert response.status_code == 200
    data = response.json()
    assert data["min_group_size"] == 3
    figures = {f["key"]: f for f in data["figures"]}
    assert set(figures) >= {
        "cases-by-category",
        "cases-by-status",
        "cases-by-region",
        "time-by-permit-type",
        "time-by-authority",
        "within-cap",
        "trend-by-quarter",
        "industrial-parks",
        "land-by-region",
    }
    cat = {r["key"]: r["cases"] for r in figures["cases-by-category"]["rows"]}
    assert cat["A"] == 4 and cat["B1"] is None
    assert figures["cases-by-category"]["suppressed"] is True
    eia = next(r for r in figures["time-by-permit-type"]["rows"] if r["key"] == "eia_screening")
    assert (eia["median_days"], eia["p90_days"]) == (70.0, 122.0)


def test_statistics_api_labels_synthetic_data(fixed_cases: Any) -> None:  # noqa: F811
    for c in fixed_cases.values():
        c.synthetic = True
        c.save(update_fields=["synthetic"])
    data = Client().get("/api/v1/statistics").json()  # the test settings are in demo mode
    assert data["synthetic_included"] is True
    assert "syntetiske demodata" in data["synthetic_note_en"]


def test_statistics_api_in_openapi() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/statistics" in schema["paths"]
