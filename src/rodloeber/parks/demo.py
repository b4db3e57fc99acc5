"""Demo data for industrial parks (syntetiske demodata), idempotent.

The spring 2025 round with the real applicant municipalities from
``layers/data/industrial_park_applicants_2025.csv`` and the 11 parks designated
on 28 October 2025 (``industrial_parks_2025.csv``), the round's public facts
(29 municipalities, 31 applications, 11 parks; ``parks/data/round_2025.yaml``,
each with its source) and the agreement parties' political decision. The
polygons are SYNTHETIC: a square of plausible size near the municipality's
largest town, clipped to the municipality; sizes are the published ones
(Næstved 207 ha, Lolland 780 ha) or a synthetic 150 ha. They are not the real
boundaries, and applications that are not public are not invented.
"""

from __future__ import annotations

import csv
import json
import logging
import math
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone
from shapely.geometry import Point, box, mapping, shape
from shapely.geometry.base import BaseGeometry

from rodloeber.accounts.models import Organisation
from rodloeber.accounts.reference import KOMMUNER_GEOJSON
from rodloeber.accounts.roles import OrgKind
from rodloeber.audit.services import record_event
from rodloeber.domain.errors import DomainError
from rodloeber.domain.screening import to_exchange, to_internal
from rodloeber.parks.lifecycle import sunset_date
from rodloeber.parks.models import (
    ApplicationRound,
    ApplicationStatus,
    Park,
    ParkApplication,
    RoundStep,
    RoundStepKind,
    ScreeningRecord,
)
from rodloeber.parks.screening import screen_area

logger = logging.getLogger(__name__)
ROUND_FACTS = Path(__file__).resolve().parent / "data" / "round_2025.yaml"
DATA = KOMMUNER_GEOJSON.parent
ROUND_TITLE = "Nationale industriparker, ansøgningsrunde forår 2025 (syntetiske demodata)"
DEMO_ROUND_TITLE = "Demo-ansøgningsrunde (syntetiske demodata)"
DESIGNATED_ON = date(2025, 10, 28)
DEFAULT_HA = 150.0
AREA_HA = {"0370": 207.0, "0360": 780.0}  # named in the sources (Næstved–Vordingborg, Rødbyhavn)


@cache
def _kommuner() -> dict[str, BaseGeometry]:
    data = json.loads(KOMMUNER_GEOJSON.read_text(encoding="utf-8"))
    return {f["properties"]["kode"]: to_internal(shape(f["geometry"])) for f in data["features"]}


@cache
def _largest_towns() -> dict[str, tuple[float, float]]:
    best: dict[str, tuple[int, float, float]] = {}
    with (DATA / "towns.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pop = int(row["population"] or 0)
            if pop > best.get(row["kommune_kode"], (-1, 0.0, 0.0))[0]:
                best[row["kommune_kode"]] = (pop, float(row["lon"]), float(row["lat"]))
    return {k: (v[1], v[2]) for k, v in best.items()}


def synthetic_polygon(kommune_kode: str, area_ha: float, shift: float = 0.0) -> dict[str, Any]:
    """A synthetic area (EPSG:4326 GeoJSON) of about ``area_ha`` inside the municipality."""
    kommune = _kommuner()[kommune_kode]
    inland = kommune.representative_point()
    town = _largest_towns().get(kommune_kode)
    centre = to_internal(Point(*town)) if town else inland
    # 3 km from the town towards the inside of the municipality (outside the centre).
    dx, dy = inland.x - centre.x, inland.y - centre.y
    dist = math.hypot(dx, dy) or 1.0
    step = min(3000.0, dist)
    cx = centre.x + dx / dist * step + shift
    cy = centre.y + dy / dist * step
    side = math.sqrt(area_ha * 10_000)
    geom = box(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2).intersection(kommune)
    if geom.geom_type == "MultiPolygon":
        geom = max(geom.geoms, key=lambda g: g.area)
    if geom.is_empty or geom.area < 10_000:
        geom = inland.buffer(side / 2, quad_segs=4)
    return dict(mapping(to_exchange(geom.simplify(1.0))))


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _applications() -> list[dict[str, Any]]:
    """One entry per application; co-applicants joined, supporters left out."""
    apps: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for row in _rows("industrial_park_applicants_2025.csv"):
        if row["status"] == "supporting municipality" or "co-applicant" in row["note"]:
            continue
        code = row["kommune_kode"]
        counts[code] = counts.get(code, 0) + 1
        co = ["0390"] if "joint application with Vordingborg" in row["note"] else []
        apps.append({"row": row, "code": code, "co": co, "n": counts[code]})
        if code == "0580" and "two applications" in row["note"]:
            counts[code] += 1
            apps.append(
                {
                    "row": {**row, "status": "not designated"},
                    "code": code,
                    "co": [],
                    "n": counts[code],
                }
            )
    return apps


def _name(entry: dict[str, Any]) -> str:
    row = entry["row"]
    label = row["area_name"] if row["area_name"] and not row["area_name"].startswith("(") else ""
    base = label or f"Industripark {row['municipality']}"
    if entry["n"] > 1 or (row["area_name"] or "").startswith("("):
        base = f"{base} (ansøgning {entry['n']})"
    return f"{base} (syntetiske demodata)"


def parks_demo_load() -> int:
    """Load the 2025 round and its applications; returns how many applications were made."""
    if ApplicationRound.objects.filter(title=ROUND_TITLE).exists():
        return 0
    orgs = {o.authority_code: o for o in Organisation.objects.filter(kind=OrgKind.MUNICIPALITY)}
    created = 0
    with transaction.atomic():
        rnd = ApplicationRound.objects.create(
            title=ROUND_TITLE,
            deadline=timezone.make_aware(datetime(2025, 5, 26, 12, 0)),
            rules_text=(
                "Ansøgninger efter L 206 § 13. Fristen er omtrentlig (syntetiske demodata); "
                "ansøgerkommunerne er de offentligt kendte."
            ),
            synthetic=True,
            public_facts=round_facts()["facts"],
        )
        _political_decision(rnd)
        ApplicationRound.objects.get_or_create(
            title=DEMO_ROUND_TITLE,
            defaults={
                "deadline": timezone.now() + timedelta(days=365),
                "synthetic": True,
                "rules_text": "Åben runde til afprøvning (syntetiske demodata).",
            },
        )
        for i, entry in enumerate(_applications()):
            lead = orgs.get(entry["code"])
            if lead is None:
                continue
            ha = AREA_HA.get(entry["code"], DEFAULT_HA)
            geometry = synthetic_polygon(entry["code"], ha, shift=4000.0 * (entry["n"] - 1))
            designated = entry["row"]["status"] == "designated"
            app = ParkApplication.objects.create(
                round=rnd,
                name=_name(entry),
                lead_municipality=lead,
                geometry=geometry,
                area_ha=round(to_internal(shape(geometry)).area / 10_000, 2),
                region_code=lead.region_code,
                answers={"municipal_commitment": "Syntetiske demodata: byrådet støtter."},
                status=(
                    ApplicationStatus.DESIGNATED if designated else ApplicationStatus.NOT_DESIGNATED
                ),
                submitted_at=timezone.make_aware(datetime(2025, 5, 20, 12, 0))
                + timedelta(minutes=i),
                decided_on=DESIGNATED_ON,
                decision_reasons=f"Kilde: {entry['row']['source_url']}",
                synthetic=True,
            )
            app.municipalities.set([lead, *(orgs[c] for c in entry["co"] if c in orgs)])
            _screen(app)
            if designated:
                Park.objects.create(
                    application=app,
                    designated_on=DESIGNATED_ON,
                    sunset_on=sunset_date(DESIGNATED_ON),
                    contact_name=lead.name,
                )
            created += 1
        record_event(
            action="parks.demo_load",
            actor=None,
            subject=rnd,
            after={"applications_created": created},
        )
    return created


@cache
def round_facts() -> dict[str, Any]:
    """The public facts of the 2025 round, each with its source (never estimated)."""
    data: dict[str, Any] = yaml.safe_load(ROUND_FACTS.read_text(encoding="utf-8"))
    return data


def _political_decision(rnd: ApplicationRound) -> None:
    """The agreement parties' decision of 28 Oct 2025 (public; the earlier steps'
    dates are not, so they are not recorded rather than invented)."""
    decision = round_facts()["political_decision"]
    RoundStep.objects.create(
        round=rnd,
        kind=RoundStepKind.POLITICAL_DECISION,
        happened_on=date.fromisoformat(decision["happened_on"]),
        details={
            "decided_by": decision["decided_by"],
            "parks_count": int(decision["parks_count"]),
        },
        note=f"{decision['note_da']} {decision['source']}",
    )


def _screen(app: ParkApplication) -> None:
    try:
        outcome = screen_area(app.geometry)
    except DomainError as exc:  # a demo polygon outside the checks: no report
        logger.warning("parks demo: %s not screened: %s", app.name, exc)
        return
    ScreeningRecord.objects.create(
        application=app,
        report=outcome.report,
        layer_versions=outcome.layer_versions,
        excluded=outcome.excluded,
        reason="submit",
    )
