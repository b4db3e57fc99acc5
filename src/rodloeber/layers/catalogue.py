"""The catalogue of built-in layers (indbyggede lag): bundled open data and synthetic layers.

Names are a contract with the screening engine, tiles and reports; do not
rename. Each spec carries the provenance that every map and report shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rodloeber.domain.geodata.synthetic.generator import GENERATOR_VERSION
from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.layers import bundled
from rodloeber.layers.models import SYNTHETIC_ATTRIBUTION, Theme

BUILDER_VERSION = "1"
DAGI = "Indeholder data fra Geodatastyrelsen (DAGI), 2014"
DAGI_SOURCE = (
    "DAGI, Geodatastyrelsen & Danske Kommuner, FOT 2014-02-13, 1:500.000, "
    "via github.com/Neogeografen/dagi"
)
DAGI_NOTE = "Generalised 1:500,000 edges: km-scale screening, not parcel-level decisions."
SCHOOLS_SOURCE = (
    "github.com/KellyDRasmussen/InternationalSchools (CC0), list of Børne- og "
    "Undervisningsministeriet"
)
OSM = "© OpenStreetMap contributors"
OSM_SOURCE = "OpenStreetMap via github.com/ComplexNetTSP/Power_grids (doi:10.5281/zenodo.250427)"
FACTS_LICENCE = (
    "Compiled facts; sources CC BY-SA (Wikipedia), CC BY 4.0 (GeoNames) - see ATTRIBUTION.md"
)
FACTS_ATTRIBUTION = (
    "Danmarks Statistik (BY1/BY3), GeoNames (CC BY 4.0), Wikipedia (CC BY-SA), doi.dk"
)
FACTS_NOTE = "Approximate, hand-compiled (Nov 2026): demo and tests only; see ATTRIBUTION.md."
SYNTHETIC_NOTE_DA = (
    "Fiktive geometrier med de officielle feltnavne. Må ikke bruges til afgørelser; "
    "erstat med officielle data ('rodloeber layers fetch')."
)


@dataclass(frozen=True)
class LayerSpec:
    name: str
    title_da: str
    title_en: str
    theme: str
    source: str
    version: str
    licence: str
    attribution: str
    build: Callable[[], FeatureTable] | None = None
    inputs: tuple[str, ...] = ()
    source_layer: str = ""
    accuracy_note: str = ""
    synthetic: bool = False
    subdivide: int | None = None


def _spec(name: str, da: str, en: str, theme: str, **kw: object) -> LayerSpec:
    return LayerSpec(name, da, en, theme, **kw)  # type: ignore[arg-type]


def _facts(
    name: str, da: str, en: str, theme: str, build: Callable[[], FeatureTable], *inputs: str
) -> LayerSpec:
    return _spec(
        name, da, en, theme,
        source="Rød Løber facts (towns, ports, roads, rail, campuses, parks), layers/data/",
        version="2026-11", licence=FACTS_LICENCE,
        attribution=FACTS_ATTRIBUTION,
        build=build, inputs=inputs, accuracy_note=FACTS_NOTE,
    )  # fmt: skip


BUNDLED: tuple[LayerSpec, ...] = (
    _spec(
        "kommuner", "Kommuner", "Municipalities", Theme.ADMINISTRATIVE,
        source=DAGI_SOURCE, version="2014-02-13", licence="Danish public open data",
        attribution=DAGI, build=bundled.kommuner_table,
        inputs=("kommuner.geojson",),
        accuracy_note=DAGI_NOTE,
    ),
    _spec(
        "regioner", "Regioner", "Regions", Theme.ADMINISTRATIVE,
        source=DAGI_SOURCE, version="2014-02-13", licence="Danish public open data",
        attribution=DAGI, build=lambda: bundled.geojson("regioner.geojson"),
        inputs=("regioner.geojson",), accuracy_note="Generalised 1:500,000 edges.",
    ),
    _spec(
        "grid_substations", "Transformerstationer (OSM 2017)", "Grid substations (OSM 2017)",
        Theme.ENERGY, source=OSM_SOURCE, version="2017-01", licence="ODbL 1.0", attribution=OSM,
        build=bundled.grid_substations, inputs=("osm_grid_2017_vertices.csv",),
        accuracy_note="2016-17 snapshot, incomplete; production uses Energinet's services.",
    ),
    _spec(
        "grid_lines", "Højspændingsledninger (OSM 2017)", "High-voltage lines (OSM 2017)",
        Theme.ENERGY, source=OSM_SOURCE, version="2017-01", licence="ODbL 1.0", attribution=OSM,
        build=bundled.grid_lines, inputs=("osm_grid_2017_links.csv",),
        accuracy_note="2016-17 snapshot, incomplete; production uses Energinet's services.",
    ),
    _spec(
        "international_schools", "Internationale skoler", "International schools", Theme.EDUCATION,
        source=SCHOOLS_SOURCE,
        version="2025", licence="CC0 1.0",
        attribution=SCHOOLS_SOURCE,
        build=bundled.international_schools,
        inputs=("international_schools.csv", "international_high_schools.csv", "towns.csv"),
        accuracy_note="Basic schools at school level; upper-secondary programmes at their town.",
    ),
    _facts("towns", "Byer med indbyggertal", "Towns with population", Theme.INFRASTRUCTURE,
           bundled.towns, "towns.csv"),
    _facts("ports", "Havne", "Ports", Theme.INFRASTRUCTURE,
           lambda: bundled.geojson("ports.geojson"), "ports.geojson"),
    _facts("motorways", "Motorveje (omtrentlige)", "Motorways (approximate)",
           Theme.INFRASTRUCTURE, lambda: bundled.geojson("motorways.geojson"), "motorways.geojson"),
    _facts("railways", "Jernbaner (omtrentlige)", "Railways (approximate)", Theme.INFRASTRUCTURE,
           lambda: bundled.geojson("railways.geojson"), "railways.geojson"),
    _facts("universities", "Videregående uddannelser", "Universities and colleges",
           Theme.EDUCATION, bundled.universities, "universities.csv"),
    _facts("industrial_parks_2025", "Nationale industriparker 2025",
           "National industrial parks 2025", Theme.BUSINESS, bundled.industrial_parks_2025,
           "industrial_parks_2025.csv", "towns.csv"),
)  # fmt: skip

# name, Danish title, English title, theme, the official layer it stands in for, subdivide
_SYNTHETIC = (
    ("section3_nature", "Beskyttet natur (§ 3)", "Protected nature (section 3)", Theme.NATURE,
     "dai:bes_naturtyper", None),
    ("natura2000_habitat", "Natura 2000-habitatområder", "Natura 2000 habitat sites",
     Theme.NATURE, "dai:habitat_omr", 256),
    ("natura2000_birds", "Natura 2000-fuglebeskyttelsesområder", "Natura 2000 bird areas",
     Theme.NATURE, "dai:fugle_bes_omr", 256),
    ("fredninger", "Fredninger", "Conservation orders", Theme.NATURE, "dai:fredede_omr", 256),
    ("nature_national_parks", "Naturnationalparker", "Nature national parks", Theme.NATURE,
     "Naturstyrelsen, naturnationalparker", 256),
    ("business_clusters", "Erhvervsklynger", "Business clusters", Theme.BUSINESS,
     "Uddannelses- og Forskningsministeriet, klyngeorganisationer", None),
    ("energy_parks", "Energiparker (§ 13, stk. 3)", "Energy parks (section 13(3))", Theme.ENERGY,
     "Energistyrelsen, energiparker", 256),
)  # fmt: skip
SYNTHETIC_INPUTS = ("kommuner.geojson", "towns.csv")


def synthetic_spec(name: str, seed: int) -> LayerSpec:
    for key, da, en, theme, official, subdivide in _SYNTHETIC:
        if key == name:
            return LayerSpec(
                name=key,
                title_da=da,
                title_en=en,
                theme=theme,
                source="Rød Løber synthetic generator (rodloeber.domain.geodata.synthetic)",
                source_layer=f"imitates {official}",
                version=f"generator v{GENERATOR_VERSION}, seed {seed}",
                licence="EUPL-1.2 (generated data)",
                attribution=SYNTHETIC_ATTRIBUTION,
                inputs=SYNTHETIC_INPUTS,
                accuracy_note=SYNTHETIC_NOTE_DA,
                synthetic=True,
                subdivide=subdivide,
            )
    raise KeyError(name)


SYNTHETIC_NAMES: tuple[str, ...] = tuple(row[0] for row in _SYNTHETIC)
BUNDLED_NAMES: tuple[str, ...] = tuple(s.name for s in BUNDLED)
