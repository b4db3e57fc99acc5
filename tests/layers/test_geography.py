"""The one geography service: municipalities indexed once, one point lookup."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from rodloeber.accounts.reference import kommune_features, municipalities
from rodloeber.layers import geography as geo


def test_the_98_municipalities_with_their_regions() -> None:
    g = geo.geography()
    assert len(g.municipalities) == 98
    assert geo.municipality("0561") == geo.Municipality(
        "0561", "Esbjerg", "1083", "Region Syddanmark"
    )
    assert {m.region_code for m in g.municipalities} == {"1081", "1082", "1083", "1084", "1085"}
    with pytest.raises(KeyError):
        geo.municipality("9999")


def test_indexed_once_per_process_from_the_one_reader() -> None:
    assert geo.geography() is geo.geography()
    assert kommune_features() is kommune_features()
    reference = {m.code: m.region_code for m in municipalities()}  # accounts' reference data
    assert {m.code: m.region_code for m in geo.geography().municipalities} == reference


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [(8.45, 55.47, "0561"), (12.57, 55.68, "0101"), (10.20, 56.15, "0751"), (14.90, 55.10, "0400")],
)
def test_point_in_municipality(lon: float, lat: float, code: str) -> None:
    assert geo.municipality_at(lon, lat) == code


@pytest.mark.parametrize(("lon", "lat"), [(5.0, 56.0), (7.8, 57.5), (13.5, 52.5)])
def test_point_at_sea_or_abroad(lon: float, lat: float) -> None:
    assert geo.municipality_at(lon, lat) is None


def test_areas_meeting_municipalities() -> None:
    assert geo.municipalities_meeting(box(8.44, 55.46, 8.46, 55.48)) == ("0561",)
    assert geo.municipalities_meeting(box(4.0, 56.0, 4.1, 56.1)) == ()  # North Sea
    # A box over the Esbjerg-Varde boundary touches both, in code order.
    both = geo.municipalities_meeting(box(8.3, 55.5, 8.7, 55.7))
    assert "0561" in both and "0573" in both and list(both) == sorted(both)


def test_outline_in_the_internal_crs() -> None:
    outline = geo.municipality_outline("0561")
    x, y = outline.representative_point().coords[0]
    assert 400_000 < x < 500_000 and 6_000_000 < y < 6_200_000  # metres, EPSG:25832
    assert 700 * 1e6 < outline.area < 900 * 1e6  # Esbjerg is about 800 km²
    assert geo.municipality_outline("0561") is outline


def test_kommune_file_has_one_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Geography, the bundled kommuner layer, the synthetic-data context and the land
    distance index all get the kommuner from one read of ``kommuner.geojson``."""
    from pathlib import Path

    from rodloeber.accounts import reference
    from rodloeber.landmap import infrastructure
    from rodloeber.layers import bundled

    reads: list[str] = []
    original_open = Path.open  # read_text, read_bytes and json readers all open the file

    def counting_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "kommuner.geojson":
            reads.append("open")
        return original_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", counting_open)
    for cached in (reference.kommune_features, geo.geography, geo.municipality_outline):
        cached.cache_clear()
    try:
        assert len(geo.geography().municipalities) == 98
        assert len(bundled.kommuner_table()) == 98
        bundled.synthetic_context()
        index = infrastructure.build_infrastructure()
        assert len(index.kommuner) == 98
        assert geo.municipality_at(8.45, 55.47) == "0561"  # Esbjerg
    finally:
        for cached in (reference.kommune_features, geo.geography, geo.municipality_outline):
            cached.cache_clear()
    assert reads == ["open"]
