"""A municipality edits only its own areas (services and pages)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.models import Organisation
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.landmap.errors import LandPermissionError
from rodloeber.landmap.models import BusinessArea
from rodloeber.landmap.services import area_update
from tests.conftest import PASSWORD


def _area_in(areas: list[BusinessArea], komnr: str) -> BusinessArea:
    area = areas[0]
    BusinessArea.objects.filter(pk=area.pk).update(komnr=komnr)
    area.refresh_from_db()
    return area


def test_planner_updates_own_area_with_one_audit_event(
    areas: list[BusinessArea], make_user: Callable[..., Any]
) -> None:
    planner = make_user(Role.MUNICIPAL_PLANNER)  # Aarhus 0751
    area = _area_in(areas, "0751")
    before = AuditEvent.objects.count()
    area_update(actor=planner, area=area, changes={"status": "reserveret", "available_ha": 1.5})
    area.refresh_from_db()
    assert area.status == "reserveret" and area.available_ha == 1.5
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-seq").first().action == "land.area_update"


def test_planner_of_another_municipality_is_refused(
    areas: list[BusinessArea], make_user: Callable[..., Any]
) -> None:
    planner = make_user(Role.MUNICIPAL_PLANNER)
    area = _area_in(areas, "0561")
    status = area.status
    with pytest.raises(LandPermissionError) as exc:
        area_update(actor=planner, area=area, changes={"status": "solgt"})
    assert "egen kommune" in exc.value.message_da and "own municipality" in exc.value.message_en
    area.refresh_from_db()
    assert area.status == status


@pytest.mark.parametrize("role", [Role.COMPANY_USER, Role.CASE_MANAGER, Role.AUTHORITY_CASEWORKER])
def test_other_roles_are_refused(
    areas: list[BusinessArea], make_user: Callable[..., Any], role: str
) -> None:
    user = make_user(role)
    with pytest.raises(LandPermissionError):
        area_update(actor=user, area=areas[0], changes={"status": "solgt"})


def test_edit_page_403_for_other_municipality(
    areas: list[BusinessArea], make_user: Callable[..., Any]
) -> None:
    planner = make_user(Role.MUNICIPAL_PLANNER)
    own, other = _area_in(areas, "0751"), areas[1]
    BusinessArea.objects.filter(pk=other.pk).update(komnr="0561")
    client = Client()
    assert client.login(username=planner.username, password=PASSWORD)
    assert client.get(f"/kort/omraade/{other.pk}/rediger").status_code == 403
    page = client.get(f"/kort/omraade/{own.pk}/rediger")
    assert page.status_code == 200
    data = {
        "status": "solgt",
        "available_ha": "0",
        "net_planned_ha": str(own.net_planned_ha),
        "contact_name": "Erhverv Aarhus",
        "source": "Kommunens liste",
    }
    response = client.post(f"/kort/omraade/{own.pk}/rediger", data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "solgt"
    assert Organisation.objects.get(authority_code="0751")
