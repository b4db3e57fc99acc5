"""Parks demo data: the 2025 round, 11 designated parks, synthetic polygons, idempotent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rodloeber.domain.screening import parse_area
from rodloeber.parks.demo import parks_demo_load, synthetic_polygon
from rodloeber.parks.models import ApplicationStatus, Park, ParkApplication

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_marks_designated() -> None:
    created = parks_demo_load()
    assert created == 16
    assert parks_demo_load() == 0
    assert Park.objects.count() == 11
    assert {p.sunset_on for p in Park.objects.all()} == {date(2030, 10, 28)}
    names = set(ParkApplication.objects.values_list("name", flat=True))
    assert all("syntetiske demodata" in n for n in names)
    assert ParkApplication.objects.filter(status=ApplicationStatus.NOT_DESIGNATED).count() == 5
    joint = ParkApplication.objects.get(lead_municipality__authority_code="0370")
    assert sorted(m.authority_code for m in joint.municipalities.all()) == ["0370", "0390"]
    assert joint.area_ha == pytest.approx(207, rel=0.1)
    rnd = joint.round
    facts = {f["key"]: f for f in rnd.public_facts}
    assert facts["applications"]["value"] == 31 and facts["municipalities"]["value"] == 29
    assert facts["designated"]["value"] == 11 == Park.objects.count()
    assert all(f["source"] for f in rnd.public_facts)  # every row has its source
    decision = rnd.steps.get(kind="political_decision")
    assert decision.details["parks_count"] == 11
    assert "doi.dk" in decision.note


def test_round_page_shows_the_public_facts(client: Any) -> None:
    parks_demo_load()
    rnd = ParkApplication.objects.first().round  # type: ignore[union-attr]
    page = client.get(f"/industriparker/runder/{rnd.pk}").content.decode()
    assert "31" in page and "doi.dk" in page
    assert "Regeringen og aftalepartierne" in page


@pytest.mark.parametrize("code", ["0851", "0561", "0440", "0360", "0316"])
def test_synthetic_polygons_are_valid_areas_in_denmark(code: str) -> None:
    area = parse_area(synthetic_polygon(code, 150))
    assert 50 < area.area_ha <= 151


def test_demo_label_is_shown_once(client: object) -> None:
    from django.test import Client

    parks_demo_load()
    html = Client().get("/industriparker").content.decode()
    assert "syntetiske demodata" in html
    assert "(syntetiske demodata)</a> <span" not in html
    assert '(syntetiske demodata) <span lang="da">(syntetiske demodata)' not in html
