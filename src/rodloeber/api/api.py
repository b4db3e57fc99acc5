"""The public API, versioned under /api/v1/ (django-ninja, OpenAPI 3).

Routers are thin: they validate at the edge and call services/selectors.
The committed ``docs/api/openapi.json`` is checked for drift in CI
(``rodloeber openapi --check``).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from rodloeber.api import errors
from rodloeber.api.auth import AUTH
from rodloeber.api.routers import (
    cases,
    checks,
    land,
    park_files,
    park_procedure,
    parks,
    screening,
    system,
)
from rodloeber.api.routers import reports as report_routes


class RodLoeberAPI(NinjaAPI):
    """NinjaAPI whose schema also declares the common error answers (errors.py)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        errors.declare_common_responses(schema)
        return schema


api = RodLoeberAPI(
    title="Rød Løber API",
    version="1.0.0",
    description=(
        "Én indgang for produktionsvirksomheder — eligibility, permits, process plans, "
        "industrial parks and business land. Authenticate with `Authorization: Bearer <token>` "
        "or a browser session. Objects the caller may not see answer 404."
    ),
    urls_namespace="api-1",
    docs_url="/docs",
    auth=AUTH,
)
errors.install(api)
api.add_router("/", system.router)
api.add_router("/", checks.router)
api.add_router("/", screening.router)
api.add_router("/", cases.router)
api.add_router("/", land.router)
api.add_router("/", parks.router)
api.add_router("/", park_files.router)
api.add_router("/", park_procedure.router)
api.add_router("/", report_routes.router)
