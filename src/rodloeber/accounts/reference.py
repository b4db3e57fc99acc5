"""Reference organisations: the 98 municipalities (from bundled DAGI data) and
the state authorities (from ``accounts/data/state_authorities.yaml``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from rodloeber.accounts.roles import OrgKind
from rodloeber.domain.catalogue import load_catalogue

PACKAGE_DIR = Path(__file__).resolve().parents[1]
KOMMUNER_GEOJSON = PACKAGE_DIR / "layers" / "data" / "kommuner.geojson"
STATE_AUTHORITIES_YAML = Path(__file__).resolve().parent / "data" / "state_authorities.yaml"


@dataclass(frozen=True)
class ReferenceAuthority:
    kind: str
    code: str
    name: str
    name_en: str
    region_code: str = ""
    region_name: str = ""

    def fields(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "name_en": self.name_en,
            "region_code": self.region_code,
            "region_name": self.region_name,
        }


@cache
def municipalities() -> tuple[ReferenceAuthority, ...]:
    """The 98 municipalities with DAGI codes and official names, e.g. ``0561``
    Esbjerg Kommune, ``0101`` Københavns Kommune (catalogue authorities.yaml)."""
    data = json.loads(KOMMUNER_GEOJSON.read_text(encoding="utf-8"))
    catalogue = load_catalogue()
    result = []
    for feature in data["features"]:
        p = feature["properties"]
        name, name_en = catalogue.municipality_name(p["kode"], p["navn"])
        result.append(
            ReferenceAuthority(
                kind=OrgKind.MUNICIPALITY,
                code=p["kode"],
                name=name,
                name_en=name_en,
                region_code=p["regionskode"],
                region_name=p["regionsnavn"],
            )
        )
    return tuple(sorted(result, key=lambda a: a.code))


@cache
def state_authorities() -> tuple[ReferenceAuthority, ...]:
    data = yaml.safe_load(STATE_AUTHORITIES_YAML.read_text(encoding="utf-8"))
    return tuple(
        ReferenceAuthority(
            kind=OrgKind.STATE_AUTHORITY, code=a["code"], name=a["name"], name_en=a["name_en"]
        )
        for a in data["authorities"]
    )


def kommune_names() -> dict[str, str]:
    """Code → municipality name, e.g. ``{"0561": "Esbjerg Kommune"}``."""
    return {m.code: m.name for m in municipalities()}
