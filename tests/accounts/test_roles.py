from __future__ import annotations

from rodloeber.accounts.roles import (
    ROLE_CAPABILITIES,
    ROLE_ORG_KINDS,
    Capability,
    Role,
    role_has,
)


def test_every_role_has_capabilities_and_org_kinds() -> None:
    for role in Role.values:
        assert ROLE_CAPABILITIES[role], role
        assert ROLE_ORG_KINDS[role], role


def test_capabilities_are_separated() -> None:
    assert role_has(Role.CASE_MANAGER, Capability.MANAGE_CASES)
    assert not role_has(Role.COMPANY_USER, Capability.MANAGE_CASES)
    assert not role_has(Role.AUTHORITY_CASEWORKER, Capability.MANAGE_USERS)
    assert role_has(Role.ADMINISTRATOR, Capability.VIEW_AUDIT)
    assert not role_has(Role.MINISTRY_ANALYST, Capability.SCREEN_INDUSTRIAL_PARKS)
    assert not role_has("unknown", Capability.RUN_CHECK)
