"""Fixtures for the case pages: the cases tests' users per role and fast plans."""

from __future__ import annotations

from tests.cases.conftest import (  # noqa: F401  (pytest fixtures)
    _fast_plans,
    applicant,
    esbjerg,
    idk,
    manager,
    mst,
)
