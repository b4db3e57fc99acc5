"""Audit walk: every write service, called with valid input, appends exactly one
audit event with its action code, and the chain verifies at the end (issue #10).

Services are *discovered*, not listed: every public function of the project
that calls ``record_event`` or takes a keyword-only ``actor`` (the service
convention) must have a scenario in ``SCENARIOS`` below. A new service
without one fails ``test_every_service_has_a_scenario`` with the line to add.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

import rodloeber
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.audit.services import verify_chain
from tests.cases import factories as f
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(rodloeber.__file__).resolve().parent
#: Not services: the audit app itself (record_event) and the framework-free domain.
SKIP_PACKAGES = {"audit", "domain", "migrations"}


def discover_services() -> set[str]:
    """``module:function`` of every public function that writes audit events or
    follows the service signature (keyword-only ``actor``)."""
    found = set()
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if SKIP_PACKAGES & set(rel.parts):
            continue
        module = "rodloeber." + ".".join(rel.with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            calls = {
                getattr(c.func, "id", getattr(c.func, "attr", ""))
                for c in ast.walk(node)
                if isinstance(c, ast.Call)
            }
            actor = any(a.arg == "actor" for a in node.args.kwonlyargs)
            if "record_event" in calls or actor:
                found.add(f"{module}:{node.name}")
    return found


def _is_service_module(rel: Path) -> bool:
    return (
        rel.name in ("services.py", "lifecycle.py", "importing.py")
        or rel.name.endswith("_service.py")
        or "services" in rel.parts[:-1]
    )


def public_functions_of_service_modules() -> set[str]:
    """Every public function in ``services.py``, ``services/``, ``*_service.py``,
    ``lifecycle.py`` and ``importing.py``: each must be a scenario or a NOT_SERVICES helper."""
    found = set()
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if SKIP_PACKAGES & set(rel.parts) or not _is_service_module(rel):
            continue
        module = "rodloeber." + ".".join(rel.with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found.add(f"{module}:{node.name}")
    return found


_HELPER = "helper called inside a service's transaction; the service records the event"
_READ = "reads or computes only; stores nothing"
#: Public functions of service modules that are not write services (name -> why).
NOT_SERVICES: dict[str, str] = {
    "rodloeber.accounts.delegation_service:delegate_for": _READ + " (routing lookup)",
    "rodloeber.accounts.delegation_service:delegates_for": _READ + " (routing lookup, batched)",
    "rodloeber.cases.services.intake:store_check": "sets the stored check on a case inside "
    "the calling service's transaction (submit, strategic recognition); writes nothing itself",
    "rodloeber.accounts.administration_service:require_administrator": _READ
    + " (permission check)",
    "rodloeber.accounts.administration_service:roles_for": _READ,
    "rodloeber.accounts.administration_service:invitation_for": _READ + " (link check)",
    "rodloeber.accounts.services:token_authenticate": _READ + " (token check)",
    "rodloeber.accounts.services:token_lookup": _READ + " (token check with scopes and expiry)",
    "rodloeber.cases.services.assignment:size_weight": _READ,
    "rodloeber.cases.services.assignment:case_managers": _READ,
    "rodloeber.cases.services.assignment:workloads": _READ,
    "rodloeber.cases.services.assignment:pick_contact_person": _READ,
    "rodloeber.cases.services.common:local_today": _READ,
    "rodloeber.cases.services.common:lock_case": _HELPER,
    "rodloeber.cases.services.common:move": _HELPER,
    "rodloeber.cases.services.common:require_case_manager": _READ + " (permission check)",
    "rodloeber.cases.services.common:require_text": _READ + " (validation)",
    "rodloeber.cases.services.foreign:join_invest_in_denmark": _HELPER,
    "rodloeber.cases.services.intake:body_hash": _READ,
    "rodloeber.cases.services.intake:instant": _READ,
    "rodloeber.landmap.importing:read_rows": _READ + " (file parsing)",
    "rodloeber.landmap.services:may_edit": _READ + " (permission check)",
    "rodloeber.landmap.services:check_may_edit": _READ + " (permission check)",
    "rodloeber.landmap.services:derived_fields": _READ,
    "rodloeber.layers.screening_service:set_layer_loader": "test hook (in-memory)",
    "rodloeber.layers.screening_service:reset_index": "in-memory cache reset",
    "rodloeber.layers.screening_service:unavailable_errors": _READ,
    "rodloeber.layers.screening_service:screening_index": _READ,
    "rodloeber.layers.screening_service:body_too_large": _READ + " (error factory)",
    "rodloeber.layers.screening_service:parse_json": _READ + " (validation)",
    "rodloeber.layers.screening_service:extract_geometry": _READ + " (validation)",
    "rodloeber.layers.screening_service:screen_geojson": _READ + " (public screening)",
    "rodloeber.layers.screening_service:screen_area": _READ + " (screens an already parsed area)",
    "rodloeber.parks.lifecycle:sunset_date": _READ,
    "rodloeber.parks.lifecycle:parks_near_sunset": _READ,
    "rodloeber.parks.services:clean_answers": _READ + " (validation)",
    "rodloeber.parks.services:missing_answers": _READ,
    "rodloeber.parks.services:round_ha": _READ,
    "rodloeber.parks.services:total_score": _READ,
    "rodloeber.saml.services:digest": _READ,
    "rodloeber.saml.services:classify": _READ + " (maps pysaml2 errors to reason codes)",
    "rodloeber.saml.services:location_of": _READ + " (the redirect URL of a binding)",
    "rodloeber.saml.services:login_start": "stores the AuthnRequest id for InResponseTo "
    "(protocol state, like a session row); the log-in is audited by assertion_login",
    "rodloeber.saml.services:session_link": "maps the Django session to the NemLog-in "
    "session for single log-out (session bookkeeping); the log-in is audited by assertion_login",
}


W = SimpleNamespace  # the walk's shared state (users, cases, …) built step by step


@dataclass(frozen=True)
class Scenario:
    service: str  # "rodloeber.module:function"
    action: str | None  # the one audit action expected; None = writes no event itself
    call: Callable[[Any], object] | None = None
    why: str = ""  # required when action is None or call is None (then: where it is covered)
    setup: Callable[[Any], object] | None = None  # runs before; its events are not counted


def _svc(service: str) -> Callable[..., Any]:
    module, name = service.split(":")
    fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return fn


def _c(service: str) -> Callable[..., Any]:
    return _svc(service)


A = "rodloeber.accounts.services"
AD = "rodloeber.accounts.administration_service"
DG = "rodloeber.accounts.delegation_service"
OS = "rodloeber.accounts.organisation_service"
CI, CC = "rodloeber.cases.services.intake", "rodloeber.cases.services.completeness"
CP, CD = "rodloeber.cases.services.permits", "rodloeber.cases.services.documents"
PS, PL = "rodloeber.parks.services", "rodloeber.parks.lifecycle"
PA = "rodloeber.parks.attachments"
PDF = b"%PDF-1.4\n% walk test\n%%EOF\n"
LY = "rodloeber.layers.services"
SA = "rodloeber.saml.services"
SL = "rodloeber.saml.logout_service"
LAYER_FILE = Path(__file__).resolve().parents[1] / "layers" / "fixtures" / "dai_habitat_omr.geojson"


def _users(w: Any) -> None:
    w.company = f.company()
    w.applicant = f.user(Role.COMPANY_USER, w.company, "walk-firma")
    w.manager = f.user(Role.CASE_MANAGER, f.org("ERST"), "walk-sb")
    w.esbjerg = f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"), "walk-esbjerg")
    w.mst = f.user(Role.AUTHORITY_CASEWORKER, f.org("MST"), "walk-mst")
    w.plst = f.user(Role.AUTHORITY_CASEWORKER, f.org("PLST"), "walk-plst")
    w.planner = f.user(Role.MUNICIPAL_PLANNER, f.org("0561"), "walk-planner")
    w.screener = f.user(Role.STATE_SCREENER, f.org("ERST"), "walk-screener")
    w.admin = f.user(Role.ADMINISTRATOR, f.org("ERST"), "walk-admin")
    w.analyst = f.user(Role.MINISTRY_ANALYST, f.org("EM"), "walk-analyst")


def _delegate(w: Any) -> object:
    w.delegation = _c(f"{DG}:delegation_create")(
        actor=w.admin,
        from_org=f.org("0101"),
        to_org=f.org("0147"),
        permit_codes=["building_permit"],
        council_decision_on=timezone.localdate(),
        published_url="https://example.invalid/aftale",
    )
    return w.delegation


def _invite(w: Any) -> object:
    w.invitation, w.invite_link = _c(f"{AD}:invitation_create")(
        actor=w.admin,
        organisation=f.org("0561"),
        role=Role.AUTHORITY_CASEWORKER,
        email=f"walk-{AuditEvent.objects.count()}@example.invalid",
        base_url="http://testserver/",
    )
    return w.invitation


def _reference_changed(w: Any) -> object:
    from rodloeber.accounts.models import Organisation

    Organisation.objects.filter(authority_code="0561").update(name="Esbjerg (gammelt navn)")
    return _c(f"{A}:reference_authorities_load")(actor=None)


def _draft(w: Any) -> object:
    w.draft = _c(f"{CI}:case_draft_create")(actor=w.applicant, company_cvr=w.company.cvr)
    return w.draft


def _acknowledge(w: Any) -> object:
    w.case = _c(f"{CC}:case_acknowledge")(actor=w.manager, case=w.case, on=timezone.localdate())
    w.local_plan = f.permit_of(w.case, "local_plan")
    w.approval = f.permit_of(w.case, "environmental_approval")
    return w.case


def _login(w: Any) -> object:
    w.client = Client()
    assert w.client.login(username=w.applicant.username, password=PASSWORD)
    return w.client


def _second_case(w: Any) -> object:
    w.case2 = f.submit(w.applicant, f.facts(title="Anden sag (test)"))
    return w.case2


def _remind(w: Any) -> object:
    from rodloeber.parks.reminders import DueReminder, send_reminder

    today = timezone.localdate()
    days_left = (w.park.sunset_on - today).days
    item = DueReminder(w.park, 365, days_left, ("planlaeg@esbjerg.example",))
    return send_reminder(item, today)


def _joint_request(w: Any) -> None:
    from rodloeber.parks.models import JointConsent

    w.planner_varde = f.user(Role.MUNICIPAL_PLANNER, f.org("0573"), "walk-varde")
    JointConsent.objects.create(application=w.app, municipality=f.org("0573"))


def _assess(w: Any, number: int) -> object:
    return _c("rodloeber.parks.conditions:condition_assess")(
        actor=w.screener,
        application=w.app,
        number=number,
        state="met",
        evidence_kind="evaluator_note",
        evidence=f"Nr. {number} opfyldt (walk)",
    )


def _step(w: Any, kind: str, on: date, **details: object) -> object:
    return _c("rodloeber.parks.procedure:round_step_record")(
        actor=w.screener, application_round=w.round, kind=kind, happened_on=on, details=details
    )


def _decide_park(w: Any) -> object:
    from rodloeber.parks.lifecycle import decision_record

    decision_record(
        actor=w.screener,
        application=w.app,
        designated=True,
        decided_on=date(2025, 10, 28),
        reasons="Opfylder § 13",
    )
    w.park = w.app.park
    return w.park


#: One scenario per discovered service, run in this order (later ones use earlier state).
SCENARIOS: list[Scenario] = [
    Scenario(f"{A}:reference_authorities_load", "reference.load", _reference_changed),
    Scenario(
        f"{A}:company_create",
        "org.create",
        lambda w: _c(f"{A}:company_create")(actor=None, cvr="13585628", name="Walk ApS (test)"),
    ),
    Scenario(
        f"{A}:user_create",
        "user.create",
        lambda w: _c(f"{A}:user_create")(
            actor=None,
            username="walk-new",
            password=PASSWORD,
            role=Role.COMPANY_USER,
            organisation=w.company,
        ),
    ),
    Scenario(f"{AD}:invitation_create", "user.invite", _invite),
    Scenario(
        f"{OS}:organisation_create",
        "org.create",
        lambda w: setattr(
            w,
            "new_org",
            _c(f"{OS}:organisation_create")(
                actor=w.admin, kind="state_authority", code="WALK", name="Walk-styrelsen (test)"
            ),
        ),
    ),
    Scenario(
        f"{OS}:organisation_rename",
        "org.update",
        lambda w: _c(f"{OS}:organisation_rename")(
            actor=w.admin, organisation=w.new_org, name="Walkstyrelsen (test)"
        ),
    ),
    Scenario(
        f"{OS}:organisation_set_active",
        "org.deactivate",
        lambda w: _c(f"{OS}:organisation_set_active")(
            actor=w.admin, organisation=w.new_org, active=False
        ),
    ),
    Scenario(f"{DG}:delegation_create", "org.delegate", _delegate),
    Scenario(
        f"{DG}:delegation_end",
        "org.delegation_end",
        lambda w: _c(f"{DG}:delegation_end")(actor=w.admin, delegation=w.delegation),
    ),
    Scenario(
        "rodloeber.cases.services.notifications:notification_preferences_set",
        "notify.preferences",
        lambda w: _c("rodloeber.cases.services.notifications:notification_preferences_set")(
            actor=w.manager, email=False, digest=True
        ),
    ),
    Scenario(
        f"{AD}:invitation_accept",
        "user.invitation_accept",
        lambda w: _c(f"{AD}:invitation_accept")(
            secret=w.invite_link.rsplit("/", 1)[1],
            username="walk-invited",
            password=PASSWORD,
            first_name="Walk",
            last_name="Invited",
        ),
    ),
    Scenario(
        f"{AD}:invitation_revoke",
        "user.invitation_revoke",
        lambda w: _c(f"{AD}:invitation_revoke")(actor=w.admin, invitation=w.invitation),
        setup=_invite,
    ),
    Scenario(
        f"{AD}:user_set_active",
        "user.deactivate",
        lambda w: _c(f"{AD}:user_set_active")(actor=w.admin, user=w.leaver, active=False),
        setup=lambda w: setattr(
            w, "leaver", f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"), "walk-leaver")
        ),
    ),
    Scenario(
        f"{A}:token_create",
        "token.create",
        lambda w: setattr(
            w, "token", _c(f"{A}:token_create")(actor=None, user=w.applicant, name="walk")[0]
        ),
    ),
    Scenario(
        f"{A}:token_revoke",
        "token.revoke",
        lambda w: _c(f"{A}:token_revoke")(actor=None, token=w.token),
    ),
    Scenario("rodloeber.accounts.signals:on_login", "auth.login", _login),
    Scenario("rodloeber.accounts.signals:on_logout", "auth.logout", lambda w: w.client.logout()),
    Scenario(
        "rodloeber.accounts.throttle:login_failure_record",
        "auth.login_failed",
        lambda w: _c("rodloeber.accounts.throttle:login_failure_record")(
            username="walk-firma", ip="192.0.2.1", throttled=False
        ),
    ),
    Scenario(
        "rodloeber.checks.services:saved_check_create",
        "check.save",
        lambda w: _c("rodloeber.checks.services:saved_check_create")(
            actor=w.applicant, facts=f.facts(), title="Walk-tjek"
        ),
    ),
    Scenario(f"{CI}:case_draft_create", "case.draft_create", _draft),
    Scenario(
        f"{CI}:case_draft_update",
        "case.draft_update",
        lambda w: _c(f"{CI}:case_draft_update")(
            actor=w.applicant, case=w.draft, facts=f.FACTS, expected_version=1
        ),
    ),
    Scenario(
        f"{CI}:case_submit",
        "case.submit",
        lambda w: setattr(w, "case", _c(f"{CI}:case_submit")(actor=w.applicant, case=w.draft)),
    ),
    Scenario(
        f"{CI}:case_submit_new",
        "case.submit",
        lambda w: _c(f"{CI}:case_submit_new")(
            actor=w.applicant,
            company_cvr=w.company.cvr,
            facts=f.facts(title="Walk ny sag"),
            idempotency_key="walk-1",
        ),
    ),
    Scenario(
        "rodloeber.cases.services.assignment:assign_contact",
        None,
        why="helper inside case_submit's transaction; case.submit records the assignment",
    ),
    Scenario(
        f"{CC}:case_request_information",
        "case.request_info",
        lambda w: _c(f"{CC}:case_request_information")(
            actor=w.manager, case=w.case, text="Send støjberegning"
        ),
    ),
    Scenario(
        f"{CC}:case_supplement",
        "case.supplement",
        lambda w: _c(f"{CC}:case_supplement")(actor=w.applicant, case=w.case, text="Vedhæftet"),
    ),
    Scenario(f"{CC}:case_acknowledge", "case.acknowledge", _acknowledge),
    Scenario(
        f"{CC}:case_publish_schedule",
        "case.publish_schedule",
        lambda w: _c(f"{CC}:case_publish_schedule")(actor=w.manager, case=w.case),
    ),
    Scenario(
        "rodloeber.cases.services.assignment:case_reassign",
        "case.reassign",
        lambda w: _c("rodloeber.cases.services.assignment:case_reassign")(
            actor=w.manager, case=w.case, contact_person=w.manager2, reason="Ferie"
        ),
        setup=lambda w: setattr(
            w, "manager2", f.user(Role.CASE_MANAGER, f.org("ERST"), "walk-sb2")
        ),
    ),
    Scenario(
        "rodloeber.cases.services.foreign:case_foreign_investor_join",
        "case.foreign_join",
        lambda w: _c("rodloeber.cases.services.foreign:case_foreign_investor_join")(
            actor=w.manager, case=w.case, investor_country="US"
        ),
    ),
    Scenario(
        "rodloeber.cases.services.milestones:milestone_update",
        "milestone.update",
        lambda w: _c("rodloeber.cases.services.milestones:milestone_update")(
            actor=w.esbjerg,
            milestone=f.milestone_of(w.case, "local_plan"),
            expected_version=1,
            forecast=f.milestone_of(w.case, "local_plan").planned + timedelta(days=30),
            reason="Høringssvar",
        ),
    ),
    Scenario(
        f"{CP}:permit_pause",
        "permit.pause",
        lambda w: _c(f"{CP}:permit_pause")(
            actor=w.esbjerg, permit=w.local_plan, reason="applicant_supplementing", note="VVM"
        ),
    ),
    Scenario(
        f"{CP}:permit_resume",
        "permit.resume",
        lambda w: _c(f"{CP}:permit_resume")(actor=w.esbjerg, permit=w.local_plan, note="Ok"),
    ),
    Scenario(
        "rodloeber.cases.services.settle:permit_settle",
        "permit.settle",
        lambda w: _c("rodloeber.cases.services.settle:permit_settle")(
            actor=w.manager,
            permit=w.case.permits.filter(certainty="possible").order_by("position").first(),
            certainty="not_needed",
        ),
    ),
    Scenario(
        "rodloeber.cases.services.extensions:extension_request",
        "extension.request",
        lambda w: setattr(
            w,
            "ext",
            _c("rodloeber.cases.services.extensions:extension_request")(
                actor=w.mst, permit=w.approval, months=2, reason="Komplekst"
            ),
        ),
    ),
    Scenario(
        "rodloeber.cases.services.extensions:extension_decide",
        "extension.decide",
        lambda w: _c("rodloeber.cases.services.extensions:extension_decide")(
            actor=w.manager, request=w.ext, approve=True, reason="Begrundet"
        ),
    ),
    Scenario(
        "rodloeber.cases.services.callin:callin_request",
        "callin.request",
        lambda w: _c("rodloeber.cases.services.callin:callin_request")(
            actor=w.esbjerg, permit=w.local_plan, to_authority_code="PLST", reason="Nationalt"
        ),
    ),
    Scenario(
        "rodloeber.cases.services.callin:callin_decide",
        "callin.accept",
        lambda w: _c("rodloeber.cases.services.callin:callin_decide")(
            actor=w.plst, permit=w.local_plan, accept=True, reason="Overtaget"
        ),
    ),
    Scenario(
        f"{CD}:document_upload",
        "document.upload",
        lambda w: _c(f"{CD}:document_upload")(
            actor=w.applicant, case=w.case, filename="bilag.pdf", content=b"%PDF-1.4 walk"
        ),
    ),
    Scenario(
        f"{CD}:message_post",
        "message.post",
        lambda w: setattr(
            w,
            "message",
            _c(f"{CD}:message_post")(actor=w.applicant, case=w.case, body="Hej (test)"),
        ),
    ),
    Scenario(
        f"{CD}:message_mark_read",
        "message.read",
        lambda w: _c(f"{CD}:message_mark_read")(actor=w.manager, message=w.message),
    ),
    Scenario(
        f"{CP}:permit_record_decision",
        "permit.decision",
        lambda w: _c(f"{CP}:permit_record_decision")(
            actor=w.mst, permit=w.approval, outcome="granted", on=timezone.localdate()
        ),
    ),
    Scenario(
        "rodloeber.cases.services.strategic:case_strategic_recognition_record",
        "case.strategic_recognition",
        lambda w: _c("rodloeber.cases.services.strategic:case_strategic_recognition_record")(
            actor=w.manager,
            case=w.case2,
            regime="nzia",
            decided_on=timezone.localdate(),
            decided_by="Europa-Kommissionen",
            reference="C(2026) 1 (test)",
            in_permitting_when_recognised=None,
        ),
        setup=_second_case,
    ),
    Scenario(
        f"{CC}:case_reject",
        "case.reject",
        lambda w: _c(f"{CC}:case_reject")(actor=w.manager, case=w.case2, reason="Ikke omfattet"),
        setup=_second_case,
    ),
    Scenario(
        f"{CI}:case_withdraw",
        "case.withdraw",
        lambda w: _c(f"{CI}:case_withdraw")(actor=w.applicant, case=w.case3, reason="Skrinlagt"),
        setup=lambda w: setattr(
            w, "case3", f.submit(w.applicant, f.facts(title="Trækkes tilbage (test)"))
        ),
    ),
    Scenario(
        f"{PS}:round_open",
        "parks.round_open",
        lambda w: setattr(
            w,
            "round",
            _c(f"{PS}:round_open")(
                actor=w.admin,
                title="Walk-runde",
                deadline=timezone.now() + timedelta(days=30),
                rules_text="§ 13",
            ),
        ),
    ),
    Scenario(
        f"{PS}:application_create",
        "parks.application_create",
        lambda w: setattr(
            w,
            "app",
            _c(f"{PS}:application_create")(
                actor=w.planner,
                application_round=w.round,
                name="Walk-park",
                geometry=_area(),
                answers=_answers(),
            ),
        ),
    ),
    Scenario(
        "rodloeber.parks.procedure:joint_consent_decide",
        "parks.joint_consent",
        lambda w: _c("rodloeber.parks.procedure:joint_consent_decide")(
            actor=w.planner_varde, application=w.app, accept=True
        ),
        setup=_joint_request,
    ),
    Scenario(
        f"{PS}:application_update",
        "parks.application_update",
        lambda w: _c(f"{PS}:application_update")(
            actor=w.planner, application=w.app, name="Walk-park (rettet)"
        ),
    ),
    Scenario(
        f"{PA}:attachment_upload",
        "parks.attachment_upload",
        lambda w: setattr(
            w,
            "attachment",
            _c(f"{PA}:attachment_upload")(
                actor=w.planner, application=w.app, filename="hensigt.pdf", content=PDF
            ),
        ),
    ),
    Scenario(
        f"{PA}:attachment_delete",
        "parks.attachment_delete",
        lambda w: _c(f"{PA}:attachment_delete")(actor=w.planner, attachment=w.attachment),
    ),
    Scenario(
        f"{PS}:application_submit",
        "parks.application_submit",
        lambda w: _c(f"{PS}:application_submit")(actor=w.planner, application=w.app),
    ),
    Scenario(
        f"{PS}:application_rescreen",
        "parks.rescreen",
        lambda w: _c(f"{PS}:application_rescreen")(actor=w.screener, application=w.app, force=True),
    ),
    Scenario(
        f"{PS}:evaluation_save",
        "parks.evaluate",
        lambda w: _c(f"{PS}:evaluation_save")(
            actor=w.screener,
            application=w.app,
            criterion="transport",
            score=4,
            justification="God vej",
        ),
    ),
    Scenario(
        "rodloeber.parks.conditions:condition_assess",
        "parks.condition_assess",
        lambda w: _assess(w, 5),
        setup=lambda w: [_assess(w, n) for n in range(1, 5)],
    ),
    Scenario(
        "rodloeber.parks.selection:run_selection",
        None,
        lambda w: _c("rodloeber.parks.selection:run_selection")(
            actor=w.screener, application_ids=[w.app.pk], n=1
        ),
        why="a calculation; stores nothing",
    ),
    Scenario(
        "rodloeber.parks.procedure:dialogue_add",
        "parks.dialogue",
        lambda w: _c("rodloeber.parks.procedure:dialogue_add")(
            actor=w.screener,
            application=w.app,
            kind="question",
            happened_on=date(2025, 6, 10),
            text="Hvornår er vandforsyningen klar?",
            municipality_code="0561",
        ),
    ),
    Scenario(
        "rodloeber.parks.procedure:round_step_record",
        "parks.round_step",
        lambda w: _step(
            w,
            "political_decision",
            date(2025, 10, 28),
            decided_by="Aftalepartierne",
            parks_count=11,
        ),
        setup=lambda w: _step(w, "negotiated", date(2025, 10, 1), outcome="Enighed"),
    ),
    Scenario(f"{PL}:decision_record", "parks.decision", _decide_park),
    Scenario(
        "rodloeber.parks.procedure:park_extend_sunset",
        "parks.sunset_extend",
        lambda w: _c("rodloeber.parks.procedure:park_extend_sunset")(
            actor=w.screener,
            park=w.park,
            sunset_on=date(2031, 10, 28),
            reason="Aftalt med kommunen",
        ),
    ),
    Scenario("rodloeber.parks.reminders:send_reminder", "parks.sunset_reminder", _remind),
    Scenario(
        f"{PL}:park_adopt_local_plan",
        "parks.local_plan",
        lambda w: _c(f"{PL}:park_adopt_local_plan")(
            actor=w.planner, park=w.park, plan_id="LP-1", adopted_on=date(2026, 3, 1)
        ),
    ),
    Scenario(
        f"{PL}:park_open",
        "parks.open",
        lambda w: _c(f"{PL}:park_open")(actor=w.planner, park=w.park, opened_on=date(2026, 4, 1)),
    ),
    Scenario(
        f"{PL}:park_cease",
        "parks.cease",
        lambda w: _c(f"{PL}:park_cease")(
            actor=w.screener, park=w.park, ceased_on=date(2030, 1, 1), reason="§ 13, stk. 5"
        ),
    ),
    Scenario(
        "rodloeber.landmap.services:area_create",
        "land.area_create",
        lambda w: setattr(
            w,
            "area",
            _c("rodloeber.landmap.services:area_create")(
                actor=w.planner,
                komnr="0561",
                geometry=_square_25832(),
                values={"plannavn": "Walk-areal", "planid": "walk-1"},
            ),
        ),
    ),
    Scenario(
        "rodloeber.landmap.services:area_update",
        "land.area_update",
        lambda w: _c("rodloeber.landmap.services:area_update")(
            actor=w.planner, area=w.area, changes={"status": "reserveret"}
        ),
    ),
    Scenario("rodloeber.landmap.importing:land_import", "land.import", lambda w: _land_import(w)),
    Scenario(
        "rodloeber.landmap.demo:landmap_demo_load",
        "land.demo_load",
        lambda w: _c("rodloeber.landmap.demo:landmap_demo_load")(count=3, seed=7),
    ),
    Scenario(
        "rodloeber.reports.services:budget_seed",
        "budget.seed",
        lambda w: _c("rodloeber.reports.services:budget_seed")(actor=None),
    ),
    Scenario(
        "rodloeber.reports.services:budget_spend_record",
        "budget.spend_record",
        lambda w: _c("rodloeber.reports.services:budget_spend_record")(
            actor=w.analyst, line=_budget_line(), year=2025, amount_mdkk="1,25", note="Q4"
        ),
    ),
    Scenario(
        f"{LY}:layer_import",
        "layer.import",
        lambda w: _c(f"{LY}:layer_import")(
            actor=None,
            path=LAYER_FILE,
            name="natura2000_habitat",
            source="test",
            licence="test",
        ),
    ),
    Scenario(
        f"{LY}:layers_generate",
        "layer.generate",
        lambda w: _c(f"{LY}:layers_generate")(actor=None, seed=6, names=["energy_parks"]),
    ),
    Scenario(
        f"{LY}:layer_fetch",
        "layer.fetch",
        why="needs a WFS server: tests/layers/test_fetch.py asserts its one layer.fetch event",
    ),
    Scenario(
        f"{LY}:layers_bootstrap",
        "layer.bootstrap",
        why="builds every layer (slow): tests/layers/test_bootstrap.py",
    ),
    Scenario(
        "rodloeber.accounts.demo:demo_load",
        "demo.load",
        why="loads the whole demo (slow): tests/accounts/test_commands.py",
    ),
    Scenario(
        "rodloeber.parks.demo:parks_demo_load",
        "parks.demo_load",
        why="loads the whole demo (slow): tests/parks/test_demo.py",
    ),
    Scenario(
        "rodloeber.ops.backup:backup",
        "ops.backup",
        why="file-based SQLite/pg_dump: tests/security/test_backup.py",
    ),
    Scenario(
        "rodloeber.ops.media:media_delete_orphans",
        "ops.media_orphans_deleted",
        why="needs old orphan files under MEDIA_ROOT: tests/ops/test_media.py",
    ),
    Scenario(
        "rodloeber.ops.dbroles:audit_harden",
        "ops.harden_audit",
        why="PostgreSQL roles only: tests/security/test_db_harden.py",
    ),
    Scenario(
        "rodloeber.ops.backup:restore",
        "ops.restore",
        why="replaces the database: tests/security/test_backup.py",
    ),
    # NemLog-in (SAML): the log-in and log-out flows need a signed message from
    # an identity provider; tests/saml/test_views.py runs them against a local
    # pysaml2 IdP and counts their events.
    Scenario(
        f"{SA}:rejection_record",
        "auth.saml_rejected",
        lambda w: _c(f"{SA}:rejection_record")(reason="expired", ip="192.0.2.1"),
    ),
    Scenario(
        f"{SA}:assertion_login",
        "auth.saml_login",
        why="needs a signed IdP answer: tests/saml/test_views.py::"
        "test_first_login_creates_company_and_user_and_one_audit_event",
    ),
    Scenario(
        f"{SL}:sp_logout_start",
        "auth.saml_logout",
        why="needs a NemLog-in session: tests/saml/test_views.py::"
        "test_sp_initiated_logout_ends_the_session_and_asks_nemlogin",
    ),
    Scenario(
        f"{SL}:idp_logout",
        "auth.saml_logout",
        why="needs a signed IdP LogoutRequest: tests/saml/test_views.py::"
        "test_idp_initiated_logout_ends_the_session_server_side",
    ),
    Scenario(
        f"{SL}:sp_logout_finish",
        None,
        why="consumes the IdP's LogoutResponse; the log-out was audited by sp_logout_start "
        "(tests/saml/test_views.py::test_sp_initiated_logout_ends_the_session_and_asks_nemlogin)",
    ),
]


def _area() -> dict[str, Any]:
    from tests.parks.conftest import area

    return area()


def _answers() -> dict[str, str]:
    from tests.parks.conftest import FULL_ANSWERS

    return FULL_ANSWERS


def _square_25832() -> Any:
    from shapely.geometry import box

    return box(470_000, 6_150_000, 470_400, 6_150_400)


def _land_import(w: Any) -> object:
    from rodloeber.landmap.importing import land_import

    path = w.tmp / "ledige.csv"
    path.write_text("planid;status\nwalk-1;solgt\n", encoding="utf-8")
    return land_import(actor=w.planner, komnr="0561", path=path)


def _budget_line() -> Any:
    from rodloeber.reports.models import BudgetLine

    return BudgetLine.objects.get(code="parks.dialogue.erst")


def test_every_service_has_a_scenario() -> None:
    covered = {s.service for s in SCENARIOS}
    missing = sorted(discover_services() - covered)
    assert not missing, (
        "New services without an audit-walk scenario:\n"
        + "\n".join(
            f'    Scenario("{m}", "<action code>", lambda w: <call with valid input>),'
            for m in missing
        )
        + "\nAdd these to SCENARIOS in tests/audit/test_audit_walk.py."
    )
    # A service may write through a private helper (then discovery misses it),
    # so a scenario is stale only when its function is no service-module function either.
    stale = sorted(covered - discover_services() - public_functions_of_service_modules())
    assert not stale, f"Scenarios for services that no longer exist: {stale}"
    unclassified = sorted(public_functions_of_service_modules() - covered - set(NOT_SERVICES))
    assert not unclassified, (
        "Public functions of service modules that are neither a write service with a "
        f"Scenario nor listed in NOT_SERVICES (with why): {unclassified}"
    )
    gone = sorted(set(NOT_SERVICES) - public_functions_of_service_modules())
    assert not gone, f"NOT_SERVICES lists functions that no longer exist: {gone}"
    unexplained = [
        s.service for s in SCENARIOS if (s.action is None or s.call is None) and not s.why
    ]
    assert not unexplained, f"Say why these run no call / expect no event: {unexplained}"


@pytest.fixture
def walk(settings: Any, tmp_path: Path) -> Any:
    from rodloeber.domain.screening.testing import square  # noqa: F401
    from rodloeber.layers import screening_service
    from tests.domain.screening.conftest import small_world

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_LAYERS_DIR = tmp_path / "layers"
    settings.RODLOEBER_PLAN_SAMPLES = 200
    world = small_world()
    screening_service.set_layer_loader(lambda name: world[name])
    w = W(tmp=tmp_path)
    _users(w)
    yield w
    screening_service.set_layer_loader(None)


def test_walk_every_service_writes_exactly_one_event(walk: Any) -> None:
    problems = []
    for s in SCENARIOS:
        if s.call is None:
            continue
        if s.setup is not None:
            s.setup(walk)
        before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        s.call(walk)
        new = list(AuditEvent.objects.filter(seq__gt=before).values_list("action", flat=True))
        expected = [] if s.action is None else [s.action]
        if new != expected:
            problems.append(f"{s.service}: expected {expected}, got {new}")
    assert not problems, "\n".join(problems)
    result = verify_chain()
    assert result.ok, result.problems
