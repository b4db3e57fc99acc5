"""Fixtures for the cases tests: one user per role and a fast plan."""

from __future__ import annotations

from typing import Any

import pytest

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from tests.cases import factories as f


@pytest.fixture(autouse=True)
def _fast_plans(settings: Any, tmp_path: Any) -> None:
    settings.RODLOEBER_PLAN_SAMPLES = 200
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def applicant(db: Any) -> User:
    return f.user(Role.COMPANY_USER, f.company())


@pytest.fixture
def manager(db: Any) -> User:
    return f.user(Role.CASE_MANAGER, f.org("ERST"))


@pytest.fixture
def esbjerg(db: Any) -> User:
    return f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"))


@pytest.fixture
def mst(db: Any) -> User:
    return f.user(Role.AUTHORITY_CASEWORKER, f.org("MST"))


@pytest.fixture
def idk(db: Any) -> User:
    return f.user(Role.AUTHORITY_CASEWORKER, f.org("UM-IDK"))
