"""The public API, versioned under /api/v1/ (django-ninja, OpenAPI 3).

This package holds only the NinjaAPI instance, its authentication
(``auth.py``), the global error handlers (``errors.py``) and the system
endpoints. Each bounded context keeps its own API package — routers, schemas
and nothing else — next to its services: ``rodloeber.<app>.api``. Routers are
thin: they validate at the edge, call services/selectors and raise domain
errors, which carry their HTTP status and are rendered by one handler.
The committed ``docs/api/openapi.json`` is checked for drift in CI
(``rodloeber openapi --check``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from ninja import NinjaAPI, Swagger
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from rodloeber.api import errors, system
from rodloeber.api.auth import AUTH
from rodloeber.cases.api.router import router as cases_router
from rodloeber.checks.api.router import router as checks_router
from rodloeber.landmap.api.router import router as land_router
from rodloeber.layers.api.router import router as screening_router
from rodloeber.parks.api.files import router as park_files_router
from rodloeber.parks.api.procedure import router as park_procedure_router
from rodloeber.parks.api.router import router as parks_router
from rodloeber.reports.api.router import router as statistics_router


def check_unique_operation_ids(schema: dict[str, Any]) -> None:
    """Refuse a schema in which two operations share an ``operationId``."""
    seen: dict[str, str] = {}
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            other = seen.setdefault(operation["operationId"], where)
            if other != where:
                raise ImproperlyConfigured(
                    f"operationId {operation['operationId']!r} is used by {other} and {where}"
                )


class RodLoeberAPI(NinjaAPI):
    """NinjaAPI whose schema also declares the common error answers (errors.py)
    and whose operation ids are short and stable (``cases_list``, ``land_search``).

    Every route names its ``operation_id`` (generated clients name their
    functions after it, so it is part of the contract and must not follow a
    module move). A route without one falls back to its function's name; two
    operations with one id stop the schema from being built.
    """

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        check_unique_operation_ids(schema)
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
    # deepLinking puts a link inside each operation's button (axe: nested-interactive).
    docs=Swagger(settings={"deepLinking": False}),
    auth=AUTH,
)
errors.install(api)
api.add_router("/", system.router)
api.add_router("/", checks_router)
api.add_router("/", screening_router)
api.add_router("/", cases_router)
api.add_router("/", land_router)
api.add_router("/", parks_router)
api.add_router("/", park_files_router)
api.add_router("/", park_procedure_router)
api.add_router("/", statistics_router)
