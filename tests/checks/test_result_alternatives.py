"""/tjek result: an alternative is shown as "either that or this" and the page says
a process plan holds only the required permits (issue #15 item 8)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from .test_result import _answer

pytestmark = pytest.mark.django_db


def test_rural_zone_permit_is_shown_as_the_alternative(
    client: Client, full_answers: dict[int, dict[str, Any]]
) -> None:
    _answer(client, full_answers)  # a rural site without a local plan that allows the use
    body = client.get("/tjek/resultat").content.decode()
    card = body.split('data-permit="rural_zone_permit"', 1)[1].split("</li>", 1)[0]
    assert "Alternativ til Lokalplan: enten det ene eller det andet, ikke begge." in card
    assert "En procesplan indeholder kun de nødvendige tilladelser" in body
    local = body.split('data-permit="local_plan"', 1)[1].split("</li>", 1)[0]
    assert 'data-testid="alternative"' not in local


def test_in_english(client: Client, full_answers: dict[int, dict[str, Any]]) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/tjek"})
    _answer(client, full_answers)
    body = client.get("/tjek/resultat").content.decode()
    assert "Alternative to Local plan: either one or the other, not both." in body
    assert "A process plan contains only the required permits" in body
