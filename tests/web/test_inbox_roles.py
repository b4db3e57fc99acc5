"""/min-side for the roles whose tasks come from other contexts than cases:
planners (land map, parks), screeners (parks), analysts (budget) and
administrators (invitations, users). Live from the data; labels, links, dates
and the header count in both languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.landmap.importing import land_import
from rodloeber.landmap.models import BusinessArea
from rodloeber.reports.models import BudgetAllocation
from rodloeber.web.inbox import inbox_tasks
from tests.landmap.test_import import _plandata

pytestmark = pytest.mark.django_db


def _client(user: User, lang: str) -> Client:
    client = Client(headers={"Accept-Language": lang})
    client.force_login(user)
    if lang == "en":
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_planner_starts_the_day_with_land_tasks(
    make_user: Callable[..., User], tmp_path: Path
) -> None:
    planner = make_user(Role.MUNICIPAL_PLANNER)
    land_import(actor=planner, komnr="0751", path=_plandata(tmp_path))
    BusinessArea.objects.filter(planid="P-1").update(source_updated=date(2024, 3, 4))
    da = _client(planner, "da").get("/min-side").content.decode()
    assert 'data-kind="stale_land_area" data-urgency="overdue"' in da
    assert "Opdatér erhvervsarealet" in da and "4. mar. 2024" in da
    assert 'data-kind="land_import_errors"' in da and 'href="/kort/import"' in da
    assert 'data-testid="inbox-count">2 opgaver<' in da
    en = _client(planner, "en").get("/min-side").content.decode()
    assert "Update the land area" in en and "4 Mar 2024" in en
    assert "Correct the rejected rows of the land import" in en


def test_analyst_and_administrator_have_their_own_tasks(
    make_user: Callable[..., User],
) -> None:
    analyst = make_user(Role.MINISTRY_ANALYST)
    today = date.today()
    # Tabel 1 (seeded by a data migration): last year's sub-lines lack spending.
    expected = BudgetAllocation.objects.filter(year=today.year - 1, line__level=2).count()
    assert len(inbox_tasks(analyst, today)) == expected
    admin = make_user(Role.ADMINISTRATOR)
    User.objects.create_superuser("root", "root@example.invalid", "x" * 20)
    page = _client(admin, "da").get("/min-side").content.decode()
    assert 'data-kind="user_without_organisation"' in page
    assert "Giv brugeren en organisation og en rolle" in page
