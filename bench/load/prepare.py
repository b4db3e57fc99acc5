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
        "public": {"areas": area_ids, "tiles": sorted(tiles)},
    }


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
        f"{len(data['public']['areas'])} areas, {len(data['public']['tiles'])} tiles"
    )
    return 0 if data["company"] and data["authority"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
