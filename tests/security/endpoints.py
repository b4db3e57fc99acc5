"""Every endpoint of the platform, discovered (never hand-listed), and its classification.

Web pages come from the URL resolver (walked recursively); API operations
from the OpenAPI schema. Everything is *protected* unless listed in
``PUBLIC_WEB`` / ``PUBLIC_API`` with a reason, so a new endpoint is tested as
protected until someone classifies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from rodloeber.api.api import api

API_PREFIX = "/api/v1"

#: Web pages anyone may open (name -> reason).
PUBLIC_WEB: dict[str, str] = {
    "web:home": "front page",
    "web:favicon": "redirect to the site icon (browsers probe /favicon.ico)",
    "web:accessibility": "accessibility statement (required public)",
    "web:data_sources": "open-data attribution (licence requirement)",
    "web:check": "the public eligibility check (redirect to /tjek/)",
    "web:plan_preview": "public process-plan preview (no personal data)",
    "web:parks": "public map of designated industrial parks",
    "web:landmap": "public map of vacant business land",
    "web:statistics": "public aggregate statistics",
    "web:dashboard": "redirects anonymous callers to log-in; content per role",
    "web:cases": "redirects anonymous callers to log-in; lists only visible cases",
    "accounts:login": "log-in form",
    "accounts:logout": "ends the caller's own session",
    "accounts:invitation": "accepting an invitation by its one-time link; unknown links 404",
    "saml:metadata": "SAML service-provider metadata for NemLog-in (public by design)",
    "saml:login": "starts a NemLog-in log-in (signed AuthnRequest)",
    "saml:acs": "NemLog-in posts signed assertions here; all else refused",
    "saml:slo": "NemLog-in single log-out; only signed messages are acted on",
    "saml:logout": "ends the caller's own session (and at NemLog-in)",
    "set_language": "language switch (Django i18n)",
    "tiles:layers": "public reference-layer catalogue for the map",
    "tiles:tile": "public reference-layer vector tiles (open data)",
    "checks:start": "public eligibility check",
    "checks:step": "public eligibility check (answers kept in the session)",
    "checks:result": "public eligibility check result",
    "checks:reset": "restarts the caller's own check",
    "checks:kommune_lookup": "municipality lookup for the public check",
    "checks:save": "redirects anonymous callers to log-in; company users only",
    "landmap:area": "public fact sheet of a vacant business area (open data)",
    "landmap:export": "public export of vacant business land (open data)",
    "landmap:tile": "public vector tiles of vacant business land",
    "landmap:result": "public ids and points of the areas matching the map filters (open data)",
    "landmap:preview": "public overview picture of the areas matching the map filters",
    "parks:parks_overview": "public overview picture of designated parks (L 206 § 13)",
    "landmap:template": "public import template (one example row)",
    "parks:parks_geojson": "public designated parks (L 206 § 13 publication)",
    "parks:park": "public fact sheet of a designated park",
    "parks:round": "public designation procedure of a round (political decision, hearing)",
    "reports:all_xlsx": "public statistics download (suppressed small groups)",
    "reports:figure_csv": "public statistics download (suppressed small groups)",
    "reports:figure_xlsx": "public statistics download (suppressed small groups)",
    "reports:schedules": "schedules companies chose to publish",
    "reports:schedule": "one published schedule (unguessable UUID)",
    "api-1:openapi-json": "API description",
    "api-1:openapi-view": "API documentation page",
    "api-1:api-root": "API root",
}

#: API operations anyone may call ("METHOD /path" -> reason).
PUBLIC_API: dict[str, str] = {
    "GET /api/v1/health": "liveness/readiness probe",
    "POST /api/v1/eligibility": "stateless eligibility check (no storage)",
    "POST /api/v1/navigator": "stateless permit navigator (no storage)",
    "POST /api/v1/plans/preview": "stateless process-plan preview (no storage)",
    "POST /api/v1/screening": "stateless site screening against open data",
    "GET /api/v1/land/areas": "open data: vacant business land",
    "GET /api/v1/parks": "open data: designated industrial parks",
    "GET /api/v1/parks/{park_id}": "open data: one designated industrial park",
    "GET /api/v1/parks/rounds/{round_id}": "open data: a round's designation procedure",
    "GET /api/v1/statistics": "public aggregate statistics (suppressed)",
    "GET /api/v1/notices": "public notices (published schedules)",
    "GET /api/v1/schedules/{public_id}": "schedule the company chose to publish (UUID)",
}


@dataclass(frozen=True)
class Endpoint:
    key: str  # URL name ("ns:name") or "METHOD /path"
    template: str  # "/sager/{pk}" (path parameters in braces)
    methods: tuple[str, ...]
    api: bool

    @property
    def params(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.template)

    @property
    def public(self) -> bool:
        return self.key in (PUBLIC_API if self.api else PUBLIC_WEB)


_API_DOCS = frozenset({"openapi-json", "openapi-view", "api-root"})
_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _walk(
    resolver: URLResolver, prefix: str, namespace: str
) -> Iterator[tuple[str, str, URLPattern]]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p, prefix + str(p.pattern), ns)
        else:
            yield prefix + str(p.pattern), namespace, p


def web_endpoints() -> list[Endpoint]:
    """Every non-API URL pattern; GET and POST are both tried."""
    found: dict[str, Endpoint] = {}
    for route, ns, pattern in _walk(get_resolver(), "/", ""):
        if route.startswith(API_PREFIX + "/") and pattern.name not in _API_DOCS:
            continue
        name = f"{ns}:{pattern.name}" if ns else str(pattern.name)
        template = _CONVERTER.sub(lambda m: "{" + m.group(2) + "}", route).replace("^", "")
        found[name] = Endpoint(name, template.rstrip("$"), ("GET", "POST"), api=False)
    return sorted(found.values(), key=lambda e: e.key)


def api_resolver_routes() -> set[str]:
    """API routes as the resolver sees them (to prove the schema covers them)."""
    routes = set()
    for route, _ns, _p in _walk(get_resolver(), "/", ""):
        if route.startswith(API_PREFIX + "/"):
            routes.add(_CONVERTER.sub(lambda m: "{" + m.group(2) + "}", route))
    return routes


def api_endpoints() -> list[Endpoint]:
    """Every operation in the OpenAPI schema."""
    schema = api.get_openapi_schema()
    out = []
    for path, item in schema["paths"].items():
        for method in item:
            if method.lower() in ("get", "post", "put", "patch", "delete"):
                key = f"{method.upper()} {path}"
                out.append(Endpoint(key, path, (method.upper(),), api=True))
    return sorted(out, key=lambda e: e.key)
