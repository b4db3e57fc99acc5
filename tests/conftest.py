"""Shared fixtures: reference organisations are loaded once per test database.

Speed (ADR 0015): the municipalities and state authorities are written into
the test database once per session (``django_db_setup``), so an ordinary
test only pays a cheap EXISTS; transactional tests flush every table, and the
autouse fixture below loads the rows again after them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from rodloeber.accounts.roles import Role

if TYPE_CHECKING:  # model imports need Django set up; keep domain tests Django-free
    from rodloeber.accounts.models import Organisation, User

PASSWORD = "Korrekt-Hest-Batteri-42"

#: Fixtures that give a test the database or a browser (ADR 0015: ``--unit-only``).
_DB_OR_BROWSER = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "live_server", "page", "browser"}
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--unit-only",
        action="store_true",
        help="run only tests that need neither the database nor a browser (make test-fast)",
    )


def needs_db_or_browser(item: pytest.Item) -> bool:
    """True when the test uses the database or a browser (by marker or fixture)."""
    if item.get_closest_marker("django_db") or item.get_closest_marker("e2e"):
        return True
    return bool(_DB_OR_BROWSER & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--unit-only"):
        return
    keep = [item for item in items if not needs_db_or_browser(item)]
    dropped = [item for item in items if needs_db_or_browser(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """pytest-django's test database, plus the reference organisations, committed once."""
    from rodloeber.accounts.services import reference_authorities_load

    with django_db_blocker.unblock():
        reference_authorities_load(actor=None)


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Municipalities and state authorities exist in every test database.

    Loaded lazily per test (a cheap EXISTS when present) because transactional
    tests (browser tests) flush every table when they end.
    """
    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    if not uses_db:
        return
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        request.getfixturevalue("db")
    from rodloeber.accounts.models import Organisation
    from rodloeber.accounts.services import reference_authorities_load

    if not Organisation.objects.filter(authority_code="ERST").exists():
        reference_authorities_load(actor=None)


@pytest.fixture
def org() -> Callable[[str], Organisation]:
    from rodloeber.accounts.models import Organisation

    def get(code: str) -> Organisation:
        return Organisation.objects.get(authority_code=code)

    return get


@pytest.fixture
def company(db: Any) -> Organisation:
    from rodloeber.accounts.services import company_create

    return company_create(actor=None, cvr="90000047", name="Testfabrikken ApS (test)")


ROLE_HOME_ORG = {
    Role.COMPANY_USER: None,  # the `company` fixture
    Role.CASE_MANAGER: "ERST",
    Role.AUTHORITY_CASEWORKER: "0561",
    Role.MUNICIPAL_PLANNER: "0751",
    Role.STATE_SCREENER: "ERST",
    Role.MINISTRY_ANALYST: "EM",
    Role.ADMINISTRATOR: "ERST",
}


@pytest.fixture
def make_user(db: Any, company: Organisation) -> Callable[..., User]:
    from rodloeber.accounts.models import Organisation
    from rodloeber.accounts.services import user_create

    counter = {"n": 0}

    def make(role: str = Role.COMPANY_USER, organisation: Organisation | None = None) -> User:
        counter["n"] += 1
        if organisation is None:
            code = ROLE_HOME_ORG[role]
            organisation = (
                company if code is None else Organisation.objects.get(authority_code=code)
            )
        return user_create(
            actor=None,
            username=f"{role}-{counter['n']}",
            password=PASSWORD,
            role=role,
            organisation=organisation,
            first_name="Test",
            last_name=role,
        )

    return make
