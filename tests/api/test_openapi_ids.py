"""Operation ids are part of the contract: short, unique and not module paths."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from rodloeber.api.api import api, check_unique_operation_ids


def test_every_operation_id_is_short_unique_and_stable() -> None:
    schema = api.get_openapi_schema()
    ids = [op["operationId"] for item in schema["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    for op_id in ids:
        assert re.fullmatch(r"[a-z][a-z_]{1,39}", op_id), op_id
        assert "rodloeber" not in op_id and "router" not in op_id
    assert {"cases_list", "land_search", "schedule_get", "statistics"} <= set(ids)


def test_two_operations_with_one_id_stop_the_schema() -> None:
    schema = {
        "paths": {
            "/a": {"get": {"operationId": "same"}},
            "/b": {"post": {"operationId": "same"}},
        }
    }
    with pytest.raises(ImproperlyConfigured, match="GET /a and POST /b"):
        check_unique_operation_ids(schema)
