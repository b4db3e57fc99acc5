"""Write services for rounds, applications, screening and evaluation.

Each is keyword-only, runs in one ``transaction.atomic`` and writes exactly one
audit event (docs/adr/0002-layout.md). Lifecycle services (decision, local
plan, opening, cessation) are in :mod:`rodloeber.parks.lifecycle`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import OrgKind
from rodloeber.audit.services import record_event
from rodloeber.domain.screening import AreaOfInterest
from rodloeber.parks.criteria import QUESTION_KEYS, QUESTIONS, rules
from rodloeber.parks.errors import Forbidden, IllegalTransition, ParkError
from rodloeber.parks.models import (
    ApplicationRound,
    ApplicationStatus,
    ConsentState,
    Evaluation,
    JointConsent,
    ParkApplication,
    ScreeningRecord,
)
from rodloeber.parks.screening import check_area, screen_area
from rodloeber.parks.selectors import is_administrator, is_planner, is_screener, may_edit


def _require_text(value: str, field_da: str, field_en: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ParkError("required", f"Angiv {field_da}.", f"Enter {field_en}.")
    return text


def clean_answers(answers: object) -> dict[str, str]:
    """Known answer keys with text values (§ 13 stk. 1 nr. 1-5)."""
    if not isinstance(answers, Mapping):
        raise ParkError(
            "answers_invalid", "Svar skal være et objekt.", "Answers must be an object."
        )
    unknown = sorted(set(answers) - QUESTION_KEYS)
    if unknown:
        raise ParkError(
            "answers_unknown",
            f"Ukendte svarfelter: {', '.join(map(str, unknown))}.",
            f"Unknown answer fields: {', '.join(map(str, unknown))}.",
        )
    cleaned: dict[str, str] = {}
    for key, value in answers.items():
        if value is None:
            continue
        if not isinstance(value, str | int | float):
            raise ParkError(
                "answers_invalid",
                f"Svaret '{key}' skal være tekst.",
                f"Answer '{key}' must be text.",
            )
        cleaned[str(key)] = str(value).strip()
    return cleaned


def missing_answers(answers: Mapping[str, str]) -> list[str]:
    return [q.key for q in QUESTIONS if q.required and not answers.get(q.key, "").strip()]


def round_open(
    *, actor: User, title: str, deadline: datetime, rules_text: str = "", synthetic: bool = False
) -> ApplicationRound:
    """An administrator opens an application round (ansøgningsrunde)."""
    if not is_administrator(actor):
        raise Forbidden()
    title = _require_text(title, "en titel", "a title")
    if deadline <= timezone.now() and not synthetic:
        raise ParkError(
            "deadline_past",
            "Fristen skal ligge i fremtiden.",
            "The deadline must be in the future.",
        )
    with transaction.atomic():
        rnd = ApplicationRound.objects.create(
            title=title,
            deadline=deadline,
            rules_text=rules_text,
            opened_by=actor,
            synthetic=synthetic,
        )
        record_event(
            action="parks.round_open",
            actor=actor,
            subject=rnd,
            after={"title": title, "deadline": deadline.isoformat()},
        )
    return rnd


def _co_municipalities(codes: Iterable[str]) -> list[Organisation]:
    orgs = []
    for code in codes:
        org = Organisation.objects.filter(kind=OrgKind.MUNICIPALITY, authority_code=code).first()
        if org is None:
            raise ParkError(
                "unknown_municipality",
                f"Ukendt kommunekode: {code}.",
                f"Unknown municipality code: {code}.",
            )
        orgs.append(org)
    return orgs


def application_create(
    *,
    actor: User,
    application_round: ApplicationRound,
    name: str,
    geometry: object,
    answers: object = None,
    co_municipality_codes: Iterable[str] = (),
) -> ParkApplication:
    """A municipal planner creates a draft for their municipality (optionally joint)."""
    if not is_planner(actor):
        raise Forbidden()
    if not application_round.is_open():
        raise ParkError(
            "round_closed", "Ansøgningsfristen er overskredet.", "The deadline has passed."
        )
    name = _require_text(name, "et navn", "a name")
    area = check_area(geometry)
    cleaned = clean_answers(answers or {})
    lead = actor.organisation
    assert lead is not None
    co = [o for o in _co_municipalities(co_municipality_codes) if o.pk != lead.pk]
    with transaction.atomic():
        app = ParkApplication.objects.create(
            round=application_round,
            name=name,
            lead_municipality=lead,
            geometry=geometry,
            area_ha=round_ha(area.area_ha),
            region_code=lead.region_code,
            answers=cleaned,
            created_by=actor,
        )
        # Co-applicants join only when they accept (JointConsent); until then the
        # application is not theirs.
        app.municipalities.set([lead])
        for other in co:
            JointConsent.objects.create(application=app, municipality=other)
        _store_screening(app, "draft", area)
        app.save()
        record_event(
            action="parks.application_create",
            actor=actor,
            subject=app,
            after={
                "name": name,
                "area_ha": app.area_ha,
                "municipalities": [lead.authority_code],
                "consent_requested": [o.authority_code for o in co],
            },
        )
    return app


def round_ha(value: float) -> float:
    return round(float(value), 2)


def application_update(
    *,
    actor: User,
    application: ParkApplication,
    name: str | None = None,
    geometry: object = None,
    answers: object = None,
) -> ParkApplication:
    """Save changes to a draft (only planners of an applying municipality)."""
    if not may_edit(actor, application):
        raise Forbidden()
    before = {"name": application.name, "area_ha": application.area_ha}
    if name is not None:
        application.name = _require_text(name, "et navn", "a name")
    area = check_area(geometry) if geometry is not None else None
    if area is not None:
        application.area_ha = round_ha(area.area_ha)
        application.geometry = geometry
    if answers is not None:
        application.answers = {**application.answers, **clean_answers(answers)}
    application.updated_at = timezone.now()
    with transaction.atomic():
        if area is not None:
            _store_screening(application, "draft", area)
        application.save()
        record_event(
            action="parks.application_update",
            actor=actor,
            subject=application,
            before=before,
            after={"name": application.name, "area_ha": application.area_ha},
        )
    return application


def _store_screening(
    application: ParkApplication, reason: str, area: AreaOfInterest | None = None
) -> ScreeningRecord:
    """Screen the application's area (``area``: already checked in this request)."""
    outcome = screen_area(area if area is not None else application.geometry)
    region = outcome.report.get("region_kode")
    if region:
        application.region_code = str(region)
    return ScreeningRecord.objects.create(
        application=application,
        report=outcome.report,
        layer_versions=outcome.layer_versions,
        excluded=outcome.excluded,
        reason=reason,
    )


def application_submit(*, actor: User, application: ParkApplication) -> ParkApplication:
    """Submit before the deadline; the area is screened and the report stored."""
    if not may_edit(actor, application):
        raise Forbidden()
    if not application.round.is_open():
        raise ParkError(
            "round_closed", "Ansøgningsfristen er overskredet.", "The deadline has passed."
        )
    waiting = list(
        application.consents.filter(state=ConsentState.PENDING).select_related("municipality")
    )
    if waiting:
        names = ", ".join(c.municipality.name for c in waiting)
        raise ParkError(
            "consent_pending",
            f"En fælles ansøgning kan først indsendes, når medansøgerne har svaret: {names}.",
            f"A joint application can be submitted only when the co-applicants have "
            f"answered: {names}.",
        )
    missing = missing_answers(application.answers)
    if missing:
        labels_da = ", ".join(q.label_da for q in QUESTIONS if q.key in missing)
        labels_en = ", ".join(q.label_en for q in QUESTIONS if q.key in missing)
        raise ParkError(
            "answers_missing",
            f"Besvar alle betingelser i § 13, stk. 1, før indsendelse. Mangler: {labels_da}.",
            f"Answer every condition of § 13(1) before submitting. Missing: {labels_en}.",
        )
    with transaction.atomic():
        record = _store_screening(application, "submit")
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = application.updated_at = timezone.now()
        application.save()
        record_event(
            action="parks.application_submit",
            actor=actor,
            subject=application,
            before={"status": ApplicationStatus.DRAFT},
            after={
                "status": application.status,
                "screening_id": record.pk,
                "excluded": record.excluded,
            },
        )
    return application


def application_rescreen(
    *, actor: User | None, application: ParkApplication, force: bool = False
) -> ScreeningRecord | None:
    """Screen again when the layers changed (older reports are kept); None if unchanged."""
    if actor is not None and not is_screener(actor):
        raise Forbidden()
    if application.is_draft:
        raise IllegalTransition(application.status, "rescreen")
    latest = application.latest_screening()
    outcome = screen_area(application.geometry)
    if not force and latest is not None and latest.layer_versions == outcome.layer_versions:
        return None
    with transaction.atomic():
        record = ScreeningRecord.objects.create(
            application=application,
            report=outcome.report,
            layer_versions=outcome.layer_versions,
            excluded=outcome.excluded,
            reason="layers_changed" if not force else "manual",
        )
        record_event(
            action="parks.rescreen",
            actor=actor,
            subject=application,
            before={"screening_id": latest.pk if latest else None},
            after={"screening_id": record.pk, "layer_versions": record.layer_versions},
        )
    return record


def evaluation_save(
    *, actor: User, application: ParkApplication, criterion: str, score: int, justification: str
) -> Evaluation:
    """A state screener scores one criterion (0-5) with a written justification."""
    if not is_screener(actor):
        raise Forbidden()
    if application.status != ApplicationStatus.SUBMITTED:
        raise IllegalTransition(application.status, "evaluate")
    r = rules()
    if r.get(criterion) is None:
        raise ParkError("unknown_criterion", "Ukendt kriterium.", "Unknown criterion.")
    if not r.min_score <= int(score) <= r.max_score:
        raise ParkError(
            "score_range",
            f"Scoren skal være mellem {r.min_score} og {r.max_score}.",
            f"The score must be between {r.min_score} and {r.max_score}.",
        )
    text = _require_text(justification, "en begrundelse", "a justification")
    with transaction.atomic():
        existing = Evaluation.objects.filter(application=application, criterion=criterion).first()
        before: dict[str, Any] | None = (
            {"score": existing.score, "justification": existing.justification} if existing else None
        )
        evaluation, _ = Evaluation.objects.update_or_create(
            application=application,
            criterion=criterion,
            defaults={
                "score": int(score),
                "justification": text,
                "screener": actor,
                "updated_at": timezone.now(),
            },
        )
        record_event(
            action="parks.evaluate",
            actor=actor,
            subject=application,
            before=before,
            after={"criterion": criterion, "score": int(score), "justification": text},
        )
    return evaluation


def total_score(application: ParkApplication) -> float:
    """Weighted sum of the screeners' scores (weights from rules/evaluation.yaml)."""
    r = rules()
    total = 0.0
    for ev in application.evaluations.all():
        c = r.get(ev.criterion)
        if c is not None:
            total += c.weight * ev.score
    return round(total, 3)
