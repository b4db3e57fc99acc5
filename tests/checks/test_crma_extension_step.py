"""The /tjek wizard asks the CRMA Art. 11(2) second branch (an expansion that
extends a strategic project already holding a permit) and the cap follows it."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _result(client: Client, full_answers: dict[int, dict[str, Any]], extension: str) -> str:
    answers = copy.deepcopy(full_answers)
    answers[1].update(
        {
            "kind": "expansion",
            "net_zero_technology": "none",
            "capacity_gw_per_year": "",
            "crma_strategic": "yes",
            "crma_stage": "recycling",
            "crma_already_in_permitting": "no",
            "crma_extension_of_permitted": extension,
        }
    )
    for number, data in answers.items():
        assert client.post(f"/tjek/trin/{number}", data).status_code == 302
    return client.get("/tjek/resultat").content.decode()


def _binding(body: str) -> str:
    match = re.search(r'data-testid="binding-cap">(.*?)</p>', body, re.S)
    assert match, "no binding cap paragraph"
    return match.group(1)


def test_step_one_asks_the_extension_question(client: Client) -> None:
    body = client.get("/tjek/trin/1").content.decode()
    assert 'name="crma_extension_of_permitted"' in body
    # asked only when relevant: check.js shows it for a CRMA expansion
    assert 'data-check-shown-if="kind=expansion;crma_strategic=yes,unknown"' in body
    assert "Udvider projektet et strategisk projekt" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/tjek"})
    english = client.get("/tjek/trin/1").content.decode()
    assert "Does the expansion extend a strategic project" in english
    assert "Udvider projektet" not in english


@pytest.mark.parametrize(
    ("answer", "months", "shorter"),
    [("yes", "12", False), ("no", "15", False), ("unknown", "15", True)],
)
def test_answer_decides_crma_11_2(
    client: Client, full_answers: dict[int, dict[str, Any]], answer: str, months: str, shorter: bool
) -> None:
    body = _result(client, full_answers, answer)
    binding = _binding(body)
    assert f"{months} måneder" in binding and "CRMA" in binding, binding
    assert ('data-testid="possibly-shorter"' in body) is shorter
