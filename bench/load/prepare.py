"""Prepare the load test: API tokens and object ids for ``locustfile.py``.

Run after ``rodloeber demo load`` against the same database as the server
(``DJANGO_SETTINGS_MODULE`` and ``DATABASE_URL`` from the environment)::

    python bench/load/prepare.py --out /tmp/load-fixture.json

Writes JSON with, per role, one entry per demo user: the token secret (a fresh
personal API token named ``load-test``), and

* company users: the ids of the cases the user may see (``visible_cases``) and
  of those with a process plan;
* authority caseworkers: the milestones they may edit (open permits, no actual
  date yet) with their case id and planned date;
* public: business-area ids (``/kort/omraade/<id>``) and tile coordinates.

Only synthetic demo users are used; tokens are created through the service
(one audit event each), exactly like ``rodloeber token create USER``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any


def _tile(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    """Web-Mercator tile containing (lon, lat) at zoom ``z``."""
    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(rad)) / math.pi) / 2.0 * n)
    return z, x, y


def build(max_milestones_per_user: int = 40) -> dict[str, Any]:
    import django

    django.setup()

    from rodloeber.accounts.models import User
    from rodloeber.accounts.roles import Role
    from rodloeber.accounts.services import token_create
    from rodloeber.accounts.token_scopes import ALL_SCOPES
    from rodloeber.cases.models import Milestone, PermitStatus
    from rodloeber.cases.selectors import editable_permits, visible_cases
    from rodloeber.landmap.models import BusinessArea

    companies: list[dict[str, Any]] = []
    for user in User.objects.filter(role=Role.COMPANY_USER, is_active=True).order_by("pk"):
        cases = visible_cases(user).order_by("pk")
        case_ids = list(cases.values_list("pk", flat=True))
        if not case_ids:
            continue
        # Only acknowledged cases have a process plan (/plan answers 404 before that).
        planned = list(cases.filter(plans__kind="current").distinct().values_list("pk", flat=True))
        _tok, secret = token_create(actor=None, user=user, name="load-test", scopes=ALL_SCOPES)
        companies.append(
            {"username": user.username, "token": secret, "cases": case_ids, "planned": planned}
        )

    authorities: list[dict[str, Any]] = []
    for user in User.objects.filter(role=Role.AUTHORITY_CASEWORKER, is_active=True).order_by("pk"):
        permits = editable_permits(user).exclude(status=PermitStatus.DECIDED)
        rows = (
            Milestone.objects.filter(permit__in=permits, actual__isnull=True)
            .order_by("pk")
            .values_list("pk", "permit__case_id", "planned")[:max_milestones_per_user]
        )
        milestones = [{"id": pk, "case": case, "planned": d.isoformat()} for pk, case, d in rows]
        if not milestones:
            continue
        _tok, secret = token_create(actor=None, user=user, name="load-test", scopes=ALL_SCOPES)
        authorities.append({"username": user.username, "token": secret, "milestones": milestones})

    importers = _importers()
    area_ids = list(BusinessArea.objects.order_by("pk").values_list("pk", flat=True)[:500])
    # Land tiles around the demo areas' centroids (zoom 9-12), plus Denmark overview tiles.
    tiles: set[tuple[int, int, int]] = set()
    centroids = BusinessArea.objects.order_by("pk").values_list("centroid_lon", "centroid_lat")
    for lon, lat in centroids[:60]:
        for z in (9, 10, 11, 12):
            tiles.add(_tile(lon, lat, z))
    for lon, lat in ((9.5, 56.0), (10.2, 56.15), (12.55, 55.68), (8.45, 55.47), (10.4, 55.4)):
        for z in (6, 7, 8):
            tiles.add(_tile(lon, lat, z))
    return {
        "company": companies,
        "authority": authorities,
        "public": {"areas": area_ids, "tiles": sorted(tiles), "screening": _screening_areas()},
        "importer": importers,
    }


def _lonlat_ring(geom: Any) -> list[list[float]]:
    from pyproj import Transformer

    tf = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
    return [[round(v, 6) for v in tf.transform(x, y)] for x, y in geom.exterior.coords]


def _screening_areas(n: int = 20) -> list[dict[str, Any]]:
    """Polygons around demo business areas (EPSG:4326), 300 m wider, simplified."""
    import shapely

    from rodloeber.domain.screening import GeometryError
    from rodloeber.landmap.models import BusinessArea
    from rodloeber.layers.screening_service import screen_geojson

    out = []
    rows = BusinessArea.objects.order_by("pk").values_list("geometry_wkb", flat=True)[: n * 3]
    for raw in rows:
        geom = shapely.from_wkb(bytes(raw)).buffer(300).simplify(20)
        if geom.geom_type != "Polygon":
            continue
        area = {"type": "Polygon", "coordinates": [_lonlat_ring(geom)]}
        try:
            screen_geojson(area)  # only areas the service accepts (a coastal one may reach the sea)
        except GeometryError:
            continue
        out.append(area)
        if len(out) == n:
            break
    return out


def _importers() -> list[dict[str, Any]]:
    """Municipal planners (demo users) with a 200 m square inside their own kommune."""
    from shapely.geometry import box

    from rodloeber.accounts.demo import DEMO_PASSWORD
    from rodloeber.accounts.models import User
    from rodloeber.landmap.services import may_edit
    from rodloeber.layers.geography import municipality_outline

    out = []
    users = User.objects.filter(is_active=True, organisation__isnull=False).select_related(
        "organisation"
    )
    for user in users.order_by("pk"):
        code = getattr(user.organisation, "authority_code", "") or ""
        if not code or not may_edit(user, code):
            continue
        point = municipality_outline(code).point_on_surface()
        square = box(point.x - 100, point.y - 100, point.x + 100, point.y + 100)
        out.append(
            {
                "username": user.username,
                "password": DEMO_PASSWORD,
                "komnr": code,
                "ring": _lonlat_ring(square),
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-milestones", type=int, default=40)
    args = parser.parse_args(argv)
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        print("DJANGO_SETTINGS_MODULE must be set", file=sys.stderr)
        return 2
    data = build(args.max_milestones)
    args.out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    print(
        f"prepared {len(data['company'])} company users "
        f"({sum(len(c['cases']) for c in data['company'])} cases), "
        f"{len(data['authority'])} authority caseworkers "
        f"({sum(len(a['milestones']) for a in data['authority'])} milestones), "
        f"{len(data['public']['areas'])} areas, {len(data['public']['tiles'])} tiles, "
        f"{len(data['public']['screening'])} screening areas, {len(data['importer'])} importers"
    )
    return 0 if data["company"] and data["authority"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
