"""Mixed-role load scenario for Rød Løber (run by ``bench/load/run.sh``).

Three kinds of simulated users, weights 3 : 1 : 1 (50 users → 30 / 10 / 10):

* ``PublicVisitor`` (anonymous): home, the land map page with its tile
  metadata and vector tiles, the land-area search API with random filters,
  area reports, the statistics page and JSON, the check start pages,
  industrial parks.
* ``CompanyReader`` (company user, ``Authorization: Bearer …``): reads its
  own cases through the API (list, detail, plan, messages, notices).
* ``AuthorityEditor`` (authority caseworker, Bearer token): revises milestone
  forecasts with ``PATCH /api/v1/milestones/{id}`` and ``If-Match: <version>``.
  A 412 (someone else changed the milestone first) is *expected* behaviour of
  optimistic locking: it is reported as a success under a separate name
  (``… [412 stale]``), the caseworker re-reads the case and retries once.

Users are ``FastHttpUser`` (geventhttpclient), Locust's client for high
request rates: the load generator shares the two cores with the server, so
every millisecond of client CPU is taken from the server being measured.

Tokens and ids come from ``prepare.py`` (``LOAD_FIXTURE``, a JSON file).
Every request carries ``X-Forwarded-Proto: https``, as a TLS-terminating
proxy would, so the production settings do not redirect to https.
Names are prefixed by role (``public:``, ``company:``, ``authority:``);
``LOAD_SAMPLES`` (optional) is a path where every request is appended as a
JSON line (role, name, ms, ok, status, t) for ``report.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import time
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

from locust import FastHttpUser, HttpUser, between, events, task
from locust.exception import StopUser

PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "da"}


def _load_fixture() -> dict[str, Any]:
    path = os.environ.get("LOAD_FIXTURE", "")
    if not path:
        raise SystemExit("LOAD_FIXTURE must point at the JSON written by bench/load/prepare.py")
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


FIXTURE = _load_fixture()

# ---------------------------------------------------------------- raw samples
_samples: IO[str] | None = None


@events.test_start.add_listener
def _open_samples(environment: Any, **_kw: Any) -> None:
    global _samples
    path = os.environ.get("LOAD_SAMPLES", "")
    if path:
        _samples = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed at test_stop


@events.request.add_listener
def _record(
    request_type: str,
    name: str,
    response_time: float,
    response_length: int,
    response: Any = None,
    exception: BaseException | None = None,
    **_kw: Any,
) -> None:
    if _samples is None:
        return
    role = name.split(":", 1)[0]
    status = getattr(response, "status_code", 0) or 0
    row = {
        "role": role,
        "name": f"{request_type} {name.split(':', 1)[-1].strip()}",
        "ms": round(response_time, 2),
        "ok": exception is None,
        "status": status,
        "t": round(time.time(), 3),
    }
    _samples.write(json.dumps(row) + "\n")


@events.test_stop.add_listener
def _close_samples(environment: Any, **_kw: Any) -> None:
    global _samples
    if _samples is not None:
        _samples.close()
        _samples = None


# ---------------------------------------------------------------- public
LAND_FILTERS: list[dict[str, str]] = [
    {},
    {"min_available_ha": "5"},
    {"min_available_ha": "20", "max_km_motorway": "10"},
    {"region": "1082"},
    {"region": "1083", "status": "ledig"},
    {"kommune": "0561,0751"},
    {"max_km_port": "15", "max_km_substation": "10"},
    {"miljoklasse": "6"},
    {"zone": "1", "sort": "motorway"},
]


class PublicVisitor(FastHttpUser):
    """Anonymous: the land map, statistics, the check, industrial parks."""

    weight = 3
    wait_time = between(1, 3)

    def _get(self, path: str, name: str, **kwargs: Any) -> None:
        self.client.get(path, name=f"public: {name}", headers=PROXY_HEADERS, **kwargs)

    @task(1)
    def home(self) -> None:
        self._get("/", "/")

    @task(3)
    def land_map(self) -> None:
        self._get("/kort", "/kort")
        self._get("/tiles/layers.json", "/tiles/layers.json")
        tiles = FIXTURE["public"]["tiles"]
        for z, x, y in random.sample(tiles, k=min(4, len(tiles))):
            self._get(f"/kort/fliser/{z}/{x}/{y}.mvt", "/kort/fliser/[z]/[x]/[y].mvt")
        for z, x, y in random.sample(tiles, k=min(2, len(tiles))):
            self._get(f"/tiles/basemap/{z}/{x}/{y}.mvt", "/tiles/basemap/[z]/[x]/[y].mvt")

    @task(3)
    def land_api(self) -> None:
        params = dict(random.choice(LAND_FILTERS))
        params.setdefault("limit", "50")
        self._get(f"/api/v1/land/areas?{urlencode(params)}", "/api/v1/land/areas")

    @task(1)
    def area_report(self) -> None:
        areas = FIXTURE["public"]["areas"]
        if areas:
            self._get(f"/kort/omraade/{random.choice(areas)}", "/kort/omraade/[id]")

    @task(2)
    def statistics_page(self) -> None:
        self._get("/statistik", "/statistik")

    @task(1)
    def statistics_api(self) -> None:
        self._get("/api/v1/statistics", "/api/v1/statistics")

    @task(1)
    def check_pages(self) -> None:
        self._get("/tjek", "/tjek")
        self._get("/tjek/trin/1", "/tjek/trin/[n]")

    @task(1)
    def parks(self) -> None:
        self._get("/industriparker", "/industriparker")
        self._get("/api/v1/parks", "/api/v1/parks")

    @task(1)
    def screening(self) -> None:
        areas = FIXTURE["public"].get("screening") or []
        if areas:
            self.client.post(
                "/api/v1/screening",
                data=json.dumps({"geometry": random.choice(areas)}),
                headers={**PROXY_HEADERS, "Content-Type": "application/json"},
                name="public: /api/v1/screening",
            )


# ---------------------------------------------------------------- company
class CompanyReader(FastHttpUser):
    """A company user reading its own cases through the API."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.account: dict[str, Any] = random.choice(FIXTURE["company"])
        self.headers = {**PROXY_HEADERS, "Authorization": f"Bearer {self.account['token']}"}

    def _get(self, path: str, name: str) -> None:
        self.client.get(path, name=f"company: {name}", headers=self.headers)

    def _case(self) -> int:
        return int(random.choice(self.account["cases"]))

    @task(2)
    def case_list(self) -> None:
        self._get("/api/v1/cases", "/api/v1/cases")

    @task(4)
    def case_detail(self) -> None:
        self._get(f"/api/v1/cases/{self._case()}", "/api/v1/cases/[id]")

    @task(1)
    def case_plan(self) -> None:
        planned = self.account.get("planned") or []
        if planned:
            case = int(random.choice(planned))
            self._get(f"/api/v1/cases/{case}/plan", "/api/v1/cases/[id]/plan")

    @task(1)
    def case_messages(self) -> None:
        self._get(f"/api/v1/cases/{self._case()}/messages", "/api/v1/cases/[id]/messages")

    @task(1)
    def notices(self) -> None:
        self._get("/api/v1/notices", "/api/v1/notices")


# ---------------------------------------------------------------- authority
def _find_version(node: Any, milestone_id: int) -> int | None:
    """The ``version`` of milestone ``milestone_id`` anywhere in a case detail."""
    if isinstance(node, dict):
        if node.get("id") == milestone_id and "version" in node and "planned" in node:
            return int(node["version"])
        values: list[Any] = list(node.values())
    elif isinstance(node, list):
        values = node
    else:
        return None
    for value in values:
        found = _find_version(value, milestone_id)
        if found is not None:
            return found
    return None


class AuthorityEditor(FastHttpUser):
    """An authority caseworker revising milestone forecasts (If-Match)."""

    weight = 1
    wait_time = between(2, 4)

    def on_start(self) -> None:
        self.account: dict[str, Any] = random.choice(FIXTURE["authority"])
        self.headers = {**PROXY_HEADERS, "Authorization": f"Bearer {self.account['token']}"}
        self.versions: dict[int, int] = {}

    def _read_version(self, milestone: dict[str, Any]) -> int | None:
        with self.client.get(
            f"/api/v1/cases/{milestone['case']}",
            name="authority: /api/v1/cases/[id]",
            headers=self.headers,
            catch_response=True,
        ) as resp:
            if resp.status_code != 200:
                resp.failure(f"case read {resp.status_code}")
                return None
            version = _find_version(resp.json(), int(milestone["id"]))
            if version is None:
                resp.failure("milestone not in case detail")
            return version

    def _patch(self, milestone: dict[str, Any], version: int) -> int:
        """PATCH once; returns the HTTP status (412 is reported as a success)."""
        planned = dt.date.fromisoformat(milestone["planned"])
        forecast = planned + dt.timedelta(days=random.randint(0, 60))
        with self.client.patch(
            f"/api/v1/milestones/{milestone['id']}",
            name="authority: /api/v1/milestones/[id]",
            headers={**self.headers, "If-Match": str(version)},
            json={"forecast": forecast.isoformat(), "reason": "Belastningstest (syntetisk)"},
            catch_response=True,
        ) as resp:
            if resp.status_code == 200:
                self.versions[int(milestone["id"])] = int(resp.json()["version"])
                resp.success()
            elif resp.status_code == 412:
                # Expected under concurrency: count separately, not as an error.
                resp.request_meta["name"] = "authority: /api/v1/milestones/[id] [412 stale]"  # type: ignore[index]
                self.versions.pop(int(milestone["id"]), None)
                resp.success()
            else:
                resp.failure(f"PATCH {resp.status_code}: {resp.text[:200]}")
            return int(resp.status_code)

    @task(4)
    def revise_forecast(self) -> None:
        milestone: dict[str, Any] = random.choice(self.account["milestones"])
        mid = int(milestone["id"])
        version = self.versions.get(mid)
        if version is None:
            version = self._read_version(milestone)
            if version is None:
                return
        if self._patch(milestone, version) == 412:
            fresh = self._read_version(milestone)
            if fresh is not None:
                self._patch(milestone, fresh)

    @task(1)
    def case_list(self) -> None:
        self.client.get("/api/v1/cases", name="authority: /api/v1/cases", headers=self.headers)


# ---------------------------------------------------------------- municipal import
_importer_counter = iter(range(1_000_000))


class MunicipalImporter(HttpUser):
    """A municipal planner who logs in and imports a one-area GeoJSON on /kort/import.

    ``HttpUser`` (requests) for the form log-in. The production settings mark
    cookies ``Secure`` and the proxy header makes the request "https", so the
    cookies are sent by hand (the client would not send Secure cookies over
    loopback http) with the ``Referer`` a browser would send.
    """

    fixed_count = 2
    wait_time = between(5, 10)

    def on_start(self) -> None:
        people = FIXTURE.get("importer") or []
        if not people:
            raise StopUser
        self.me = people[next(_importer_counter) % len(people)]
        self.jar: dict[str, str] = {}
        self.n = 0
        self._login()

    def _headers(self, path: str) -> dict[str, str]:
        origin = "https://" + (self.host or "").split("://", 1)[-1]
        cookie = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        return {**PROXY_HEADERS, "Cookie": cookie, "Referer": origin + path, "Origin": origin}

    def _keep(self, response: Any) -> None:
        self.jar.update(response.cookies.get_dict())

    def _login(self) -> None:
        path = "/konto/log-ind"
        page = self.client.get(path, headers=self._headers(path), name="municipal: /konto/log-ind")
        self._keep(page)
        with self.client.post(
            path,
            data={
                "username": self.me["username"],
                "password": self.me["password"],
                "csrfmiddlewaretoken": self.jar.get("csrftoken", ""),
            },
            headers=self._headers(path),
            allow_redirects=False,
            name="municipal: /konto/log-ind",
            catch_response=True,
        ) as resp:
            self._keep(resp)
            if resp.status_code != 302 or "sessionid" not in self.jar:
                resp.failure(f"log-in failed: {resp.status_code}")

    @task
    def import_one_area(self) -> None:
        self.n += 1
        feature = {
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [self.me["ring"]]},
            "properties": {
                "planid": f"LOAD-{self.me['username']}-{self.n % 5}",
                "plannavn": "Belastningstest (syntetiske demodata)",
                "komnr": self.me["komnr"],
                "anvgen": 31,
                "anvspec": 3130,
                "available_ha": round(random.uniform(0.5, 4.0), 1),
            },
        }
        body = json.dumps({"type": "FeatureCollection", "features": [feature]})
        path = "/kort/import"
        with self.client.post(
            path,
            data={"csrfmiddlewaretoken": self.jar.get("csrftoken", "")},
            files={"file": ("load.geojson", body.encode(), "application/geo+json")},
            headers=self._headers(path),
            name="municipal: /kort/import",
            catch_response=True,
        ) as resp:
            if resp.status_code != 200:
                resp.failure(f"import answered {resp.status_code}")
