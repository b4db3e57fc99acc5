"""Planner inbox tasks from the land map: stale areas and imports with rejected rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.domain.planning.calendar import add_months
from rodloeber.domain.tasks import TaskKind
from rodloeber.landmap.importing import land_import
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.tasks import land_tasks
from tests.landmap.test_import import _plandata

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):  # subjects are asserted in English
        yield


TODAY = date.today()


def test_import_with_rejected_rows_and_stale_areas_become_tasks(
    make_user: Callable[..., User], tmp_path: Path
) -> None:
    planner = make_user(Role.MUNICIPAL_PLANNER)  # Aarhus (0751)
    assert land_tasks(planner, TODAY) == []

    report = land_import(actor=planner, komnr="0751", path=_plandata(tmp_path))
    assert report.added == ["P-1"] and len(report.rejected) == 2
    [task] = land_tasks(planner, TODAY)
    assert task.kind == TaskKind.LAND_IMPORT_ERRORS
    assert task.url == "/kort/import" and task.case_reference == "rammer.geojson"
    assert "2" in task.subject and task.since == TODAY

    old = add_months(TODAY, -14)
    BusinessArea.objects.filter(planid="P-1").update(source_updated=old)
    stale = [t for t in land_tasks(planner, TODAY) if t.kind == TaskKind.STALE_LAND_AREA]
    [area] = stale
    pk = BusinessArea.objects.get(planid="P-1").pk
    assert area.url == f"/kort/omraade/{pk}/rediger"
    assert area.due == add_months(old, 12) and area.due < TODAY and area.since == old
    assert area.case_title == "Erhverv Syd"


def test_other_municipalities_and_roles_see_nothing(
    make_user: Callable[..., User], org: Callable[[str], object], tmp_path: Path
) -> None:
    planner = make_user(Role.MUNICIPAL_PLANNER)
    land_import(actor=planner, komnr="0751", path=_plandata(tmp_path))
    BusinessArea.objects.update(source_updated=add_months(TODAY, -24))
    esbjerg_planner = make_user(Role.MUNICIPAL_PLANNER, organisation=org("0561"))
    assert land_tasks(esbjerg_planner, TODAY) == []
    assert land_tasks(make_user(Role.AUTHORITY_CASEWORKER), TODAY) == []
    planner.is_active = False
    assert land_tasks(planner, TODAY) == []


def test_a_clean_import_clears_the_import_task(
    make_user: Callable[..., User], tmp_path: Path
) -> None:
    planner = make_user(Role.MUNICIPAL_PLANNER)
    land_import(actor=planner, komnr="0751", path=_plandata(tmp_path))
    good = tmp_path / "ok.csv"
    good.write_text(
        f"planid;net_planned_ha;available_ha;status;source_updated\nP-1;10;4;ledig;{TODAY}\n",
        encoding="utf-8",
    )
    report = land_import(actor=planner, komnr="0751", path=good)
    assert report.rejected == [], report.rejected
    assert [t.kind for t in land_tasks(planner, TODAY)] == []
