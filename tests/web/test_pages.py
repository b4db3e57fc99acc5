from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.web.navigation import ROLE_NAV
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LAYER_FIXTURES = Path(__file__).resolve().parents[1] / "layers" / "fixtures"

PUBLIC = [
    "/",
    "/tjek",
    "/industriparker",
    "/kort",
    "/statistik",
    "/tilgaengelighed",
    "/datakilder",
    "/konto/log-ind",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_in_danish_by_default(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="da"' in body
    assert 'href="#main-content"' in body  # skip link
    assert "Syntetiske demodata" in body or "syntetiske demodata" in body


def test_language_switch_to_english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en"' in body
    assert "one-stop-shop" in body.lower()


def test_home_explains_the_three_parts(client: Client) -> None:
    body = client.get("/").content.decode()
    for phrase in ("Én indgang", "industripark", "kort"):
        assert phrase.lower() in body.lower()


def test_cases_need_login(client: Client) -> None:
    response = client.get("/sager")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/log-ind")


@pytest.mark.parametrize("role", Role.values)
def test_each_role_sees_its_start_page_and_menu(
    client: Client, make_user: Callable[..., User], role: str
) -> None:
    user = make_user(role)
    client.post("/konto/log-ind", {"username": user.username, "password": PASSWORD})
    body = client.get("/min-side").content.decode()
    assert f'data-role="{role}"' in body
    from django.urls import reverse

    for entry in ROLE_NAV[role]:
        assert f'href="{reverse(entry.url_name)}"' in body


def test_unknown_page_gives_404_page(client: Client) -> None:
    response = client.get("/findes-ikke")
    assert response.status_code == 404


def test_english_browser_still_gets_danish_until_switched(client: Client) -> None:
    body = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).content.decode()
    assert '<html lang="da"' in body


def test_static_assets_are_served(client: Client) -> None:
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/dkfds/css/dkfds.min.css")
    assert finders.find("vendor/htmx.org/htmx.min.js")


def test_data_sources_lists_layer_provenance(client: Client, settings: Any, tmp_path: Path) -> None:
    from rodloeber.layers.services import layer_import

    settings.RODLOEBER_LAYERS_DIR = tmp_path
    layer_import(
        actor=None,
        path=LAYER_FIXTURES / "dai_habitat_omr.geojson",
        name="natura2000_habitat",
        source="Danmarks Arealinformation, dai:habitat_omr (test fixture)",
        licence="Open data",
        attribution="Miljøstyrelsen (testdata)",
        title_da="Natura 2000-habitatområder",
        title_en="Natura 2000 habitat sites",
    )
    body = client.get("/datakilder").content.decode()
    assert "Natura 2000-habitatområder" in body
    assert "dai:habitat_omr (test fixture)" in body
    assert "Miljøstyrelsen (testdata)" in body
