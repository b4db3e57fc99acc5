"""Roles (roller) and what each may do (capabilities).

A user has exactly one role, tied to the kind of organisation they belong to.
Object-level rules (which case, which permit) live in each app's selectors;
this module answers the coarse question "may this role do X at all?".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMPANY_USER = "company_user", _("Company user")
    CASE_MANAGER = "case_manager", _("Case manager (Erhvervsstyrelsen)")
    AUTHORITY_CASEWORKER = "authority_caseworker", _("Authority caseworker")
    MUNICIPAL_PLANNER = "municipal_planner", _("Municipal planner")
    STATE_SCREENER = "state_screener", _("State screener")
    MINISTRY_ANALYST = "ministry_analyst", _("Ministry analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


class OrgKind(models.TextChoices):
    COMPANY = "company", _("Company")
    MUNICIPALITY = "municipality", _("Municipality")
    STATE_AUTHORITY = "state_authority", _("State authority")


# Which organisation kinds each role may belong to.
ROLE_ORG_KINDS: dict[str, frozenset[str]] = {
    Role.COMPANY_USER: frozenset({OrgKind.COMPANY}),
    Role.CASE_MANAGER: frozenset({OrgKind.STATE_AUTHORITY}),
    Role.AUTHORITY_CASEWORKER: frozenset({OrgKind.MUNICIPALITY, OrgKind.STATE_AUTHORITY}),
    Role.MUNICIPAL_PLANNER: frozenset({OrgKind.MUNICIPALITY}),
    Role.STATE_SCREENER: frozenset({OrgKind.STATE_AUTHORITY}),
    Role.MINISTRY_ANALYST: frozenset({OrgKind.STATE_AUTHORITY}),
    Role.ADMINISTRATOR: frozenset({OrgKind.STATE_AUTHORITY}),
}

# Case managers sit at the one-stop-shop itself (Erhvervsstyrelsen, code ERST).
CASE_MANAGER_AUTHORITY_CODE = "ERST"


class Capability(models.TextChoices):
    RUN_CHECK = "run_check", _("Run the eligibility and permit check")
    SUBMIT_APPLICATION = "submit_application", _("Submit applications for the one-stop-shop")
    MANAGE_CASES = "manage_cases", _("Manage one-stop-shop cases")
    WORK_ON_PERMITS = "work_on_permits", _("Work on the authority's permits")
    APPLY_INDUSTRIAL_PARK = "apply_industrial_park", _("Apply for industrial parks")
    SCREEN_INDUSTRIAL_PARKS = "screen_industrial_parks", _("Screen industrial park applications")
    VIEW_REPORTS = "view_reports", _("View reports and the budget")
    MANAGE_USERS = "manage_users", _("Manage organisations, users and tokens")
    VIEW_AUDIT = "view_audit", _("Read the audit trail")
    EDIT_LAND_AREAS = "edit_land_areas", _("Maintain the municipality's vacant business land")


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COMPANY_USER: frozenset({Capability.RUN_CHECK, Capability.SUBMIT_APPLICATION}),
    Role.CASE_MANAGER: frozenset({Capability.RUN_CHECK, Capability.MANAGE_CASES}),
    Role.AUTHORITY_CASEWORKER: frozenset({Capability.RUN_CHECK, Capability.WORK_ON_PERMITS}),
    Role.MUNICIPAL_PLANNER: frozenset(
        {Capability.APPLY_INDUSTRIAL_PARK, Capability.EDIT_LAND_AREAS}
    ),
    Role.STATE_SCREENER: frozenset({Capability.SCREEN_INDUSTRIAL_PARKS}),
    Role.MINISTRY_ANALYST: frozenset({Capability.VIEW_REPORTS}),
    Role.ADMINISTRATOR: frozenset({Capability.MANAGE_USERS, Capability.VIEW_AUDIT}),
}


def role_has(role: str, capability: str) -> bool:
    return capability in ROLE_CAPABILITIES.get(role, frozenset())
