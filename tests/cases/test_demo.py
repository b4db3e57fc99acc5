"""Demo cases: every state, labelled synthetic, idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from rodloeber.accounts.demo import demo_load
from rodloeber.cases.demo import SCENARIOS, cases_demo_load
from rodloeber.cases.models import CallIn, Case, ExtensionRequest, Pause


@pytest.mark.django_db
def test_demo_cases_cover_every_state_and_load_once(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    assert cases_demo_load() == len(SCENARIOS)
    cases = Case.objects.all()
    assert cases.count() == len(SCENARIOS) >= 30
    assert all(c.synthetic and c.title.endswith("(demo)") for c in cases)
    statuses = set(cases.values_list("status", flat=True))
    assert statuses == {
        "draft",
        "submitted",
        "information_requested",
        "in_progress",
        "decided",
        "not_eligible",
        "withdrawn",
    }
    assert cases.filter(foreign_investor=True).count() == 2
    assert Pause.objects.filter(resume__isnull=True).count() == 3
    assert ExtensionRequest.objects.filter(status="approved").count() == 1
    assert CallIn.objects.filter(status="approved").count() == 1
    assert cases_demo_load() == 0
    assert Case.objects.count() == len(SCENARIOS)
