"""Screening items for utilities: water, wastewater and waste next to power,
heat, gas and transport (the agreement ¶ 10), from answers and layers."""

from __future__ import annotations

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.parks.criteria import QUESTION_KEYS
from rodloeber.parks.errors import ParkError
from rodloeber.parks.models import ApplicationRound, ParkApplication
from rodloeber.parks.services import application_create, application_submit
from rodloeber.parks.supply import SUPPLY_ITEMS, supply_rows
from tests.parks.conftest import FULL_ANSWERS, area


def test_every_item_is_an_answer_and_layers_fill_power_and_transport() -> None:
    assert {i.key for i in SUPPLY_ITEMS} <= QUESTION_KEYS
    assert {"water", "wastewater", "waste"} <= {i.key for i in SUPPLY_ITEMS}
    report = {
        "criteria": [
            {"criterion": "electricity", "summary_da": "Nærmeste 400 kV-station: 3 km."},
            {"criterion": "transport", "summary_da": "Motorvej: 2 km."},
        ]
    }
    rows = {r["key"]: r for r in supply_rows({"wastewater": "Renseanlæg Vest"}, report, "da")}
    assert rows["electricity"]["findings"] == ["Nærmeste 400 kV-station: 3 km."]
    assert rows["transport"]["findings"] == ["Motorvej: 2 km."]
    assert rows["wastewater"]["answer"] == "Renseanlæg Vest" and not rows["wastewater"]["has_layer"]
    assert rows["waste"]["answer"] == "" and rows["waste"]["findings"] == []


@pytest.mark.django_db
def test_wastewater_and_waste_answers_are_required_and_shown(
    planner: User, open_round: ApplicationRound
) -> None:
    partial = {k: v for k, v in FULL_ANSWERS.items() if k not in {"wastewater", "waste"}}
    app: ParkApplication = application_create(
        actor=planner,
        application_round=open_round,
        name="Uden affald",
        geometry=area(),
        answers=partial,
    )
    with pytest.raises(ParkError) as info:
        application_submit(actor=planner, application=app)
    assert "Spildevand" in info.value.message_da and "Affald" in info.value.message_da
    client = Client()
    client.force_login(planner)
    page = client.get(f"/industriparker/ansoegninger/{app.pk}").content.decode()
    assert "Intet nationalt kortlag: kommunens svar er dokumentationen." in page


@pytest.mark.django_db
def test_screening_tables_show_labels_not_keys(planner: User, draft: ParkApplication) -> None:
    client = Client()
    client.force_login(planner)
    page = client.get(f"/industriparker/ansoegninger/{draft.pk}/screening").content.decode()
    assert "Beskyttet natur (§ 3)" in page and "El (elnet)" in page
    assert ">section3<" not in page and "substation_400kv" not in page
