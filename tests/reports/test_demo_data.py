"""With the synthetic demo cases loaded, every page works and says so."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.roles import Role
from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_pages_with_demo_cases(settings: Any, tmp_path: Any, make_user: Any) -> None:
    from rodloeber.accounts.demo import demo_load
    from rodloeber.cases.demo import cases_demo_load
    from rodloeber.cases.models import Case

    settings.MEDIA_ROOT = tmp_path
    demo_load()
    cases_demo_load()
    client = Client()
    html = client.get("/statistik").content.decode()
    assert "syntetiske demodata" in html.lower()
    data = client.get("/api/v1/statistics").json()
    assert data["synthetic_included"] is True
    published = Case.objects.filter(schedule_published_at__isnull=False)
    assert published.exists()
    listing = client.get("/statistik/tidsplaner").content.decode()
    for case in published:
        assert case.title in listing
        detail = client.get(f"/statistik/tidsplaner/{case.public_id}")
        assert detail.status_code == 200
        assert "<svg" in detail.content.decode()
    analyst = make_user(Role.MINISTRY_ANALYST)
    assert client.login(username=analyst.username, password=PASSWORD)
    for url in ("/statistik/aarsrapport?aar=2026", "/statistik/evaluering.xlsx"):
        assert client.get(url).status_code == 200, url
    settings.RODLOEBER_DEMO_MODE = False
    data = Client().get("/api/v1/statistics").json()
    assert data["synthetic_included"] is False
    cat = next(f for f in data["figures"] if f["key"] == "cases-by-status")
    assert all(r["cases"] == 0 for r in cat["rows"])
