"""The municipality from a map point (point-in-polygon) or from address text."""

from __future__ import annotations

import pytest

from rodloeber.layers.kommune_lookup import kommune_at, kommune_in_text


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (8.45, 55.47, "0561"),  # Esbjerg
        (12.57, 55.68, "0101"),  # København
        (10.20, 56.15, "0751"),  # Aarhus
        (14.90, 55.10, "0400"),  # Bornholm
    ],
)
def test_point_in_polygon_finds_the_kommune(lon: float, lat: float, code: str) -> None:
    assert kommune_at(lon, lat) == code


@pytest.mark.parametrize(("lon", "lat"), [(5.0, 56.0), (7.8, 57.5), (13.5, 52.5)])
def test_point_at_sea_or_abroad_has_no_kommune(lon: float, lat: float) -> None:
    assert kommune_at(lon, lat) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Industrivej 1, 6700 Esbjerg", "0561"),
        ("Vejlevej 3, 8700 Horsens", "0615"),  # street named after Vejle is not Vejle
        ("Roskildevej 10, Høje-Taastrup", "0169"),  # hyphen matches the DAGI space
        ("lyngby taarbæk", "0173"),
        ("Havnen, Copenhagen", "0101"),
        ("Odense Vej 5, Svendborg", "0479"),  # the last name wins
    ],
)
def test_kommune_name_in_address(text: str, code: str) -> None:
    assert kommune_in_text(text) == code


def test_address_without_kommune_name() -> None:
    assert kommune_in_text("Industrivej 1, 2630 Taastrup") is None
    assert kommune_in_text("") is None
