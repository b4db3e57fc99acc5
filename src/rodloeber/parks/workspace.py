"""Pages for planners, screeners and administrators (/industriparker/…).

Every read goes through ``rodloeber.parks.selectors`` (hidden → 404); every
write through a service. Plain forms with POST-redirect-GET; no JavaScript
needed except for the map.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from rodloeber.accounts.models import User
from rodloeber.core.geojson import geojson_response
from rodloeber.core.page_errors import error_message, errors_to_messages, page_language
from rodloeber.core.web import CSV, XLSX, download_response
from rodloeber.domain.errors import DomainError
from rodloeber.parks import export
from rodloeber.parks.conditions import application_eligibility, condition_assess, condition_rows
from rodloeber.parks.criteria import QUESTIONS, rules
from rodloeber.parks.forms import (
    ApplicationForm,
    AttachmentForm,
    ConditionForm,
    DecisionForm,
    EvaluationForm,
    RoundForm,
)
from rodloeber.parks.lifecycle import decision_record
from rodloeber.parks.models import ApplicationRound, ApplicationStatus, ParkApplication
from rodloeber.parks.procedure import consent_requests, dialogue_add, joint_consent_decide
from rodloeber.parks.procedure_forms import DialogueForm
from rodloeber.parks.selectors import (
    application_for,
    is_administrator,
    is_planner,
    is_screener,
    may_edit,
    visible_applications,
)
from rodloeber.parks.services import (
    application_create,
    application_rescreen,
    application_submit,
    application_update,
    evaluation_save,
    round_open,
    total_score,
)
from rodloeber.parks.stages import application_stages
from rodloeber.parks.supply import supply_rows
from rodloeber.parks.web_common import form_invalid, post_redirect


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not (is_planner(user) or is_screener(user)):
        raise Http404
    return user


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """The workspace's list; a planner also answers requests to join a joint application."""
    user = _user(request)
    if request.method == "POST":
        return _consent_answer(request, user)
    apps = visible_applications(user).prefetch_related("evaluations")
    open_rounds = [r for r in ApplicationRound.objects.all() if r.is_open()]
    context = {
        "apps": apps,
        "is_planner": is_planner(user),
        "open_rounds": open_rounds,
        "requests": consent_requests(user),
    }
    return render(request, "parks/application_list.html", context)


@errors_to_messages()
def _consent_answer(request: HttpRequest, user: User) -> HttpResponse:
    app = ParkApplication.objects.filter(pk=request.POST.get("application", "") or 0).first()
    if app is None or request.POST.get("answer") not in ("accept", "decline"):
        raise Http404
    joint_consent_decide(actor=user, application=app, accept=request.POST["answer"] == "accept")
    messages.success(request, _("Your answer to the joint application was saved."))
    return post_redirect(request, "parks:applications")


@login_required
def areas_geojson(request: HttpRequest) -> JsonResponse:
    features = [
        {
            "type": "Feature",
            "geometry": app.geometry,
            "properties": {
                "id": app.pk,
                "name": app.name,
                "status": app.status,
                "url": f"/industriparker/ansoegninger/{app.pk}",
            },
        }
        for app in visible_applications(_user(request))
    ]
    return geojson_response({"type": "FeatureCollection", "features": features})


def _application_form_page(
    request: HttpRequest, user: User, app: ParkApplication | None
) -> HttpResponse:
    rnd = (
        app.round
        if app
        else ApplicationRound.objects.filter(
            pk=request.GET.get("round") or request.POST.get("round") or 0
        ).first()
        or next((r for r in ApplicationRound.objects.all() if r.is_open()), None)
    )
    if rnd is None:
        messages.error(request, _("There is no open application round."))
        return post_redirect(request, "parks:applications")
    initial: dict[str, Any] = {}
    if app is not None:
        initial = {"name": app.name, **{f"answer_{k}": v for k, v in app.answers.items()}}
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        require_geometry=app is None,
    )
    preview: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid() and request.POST.get("action") == "preview":
        # Show the area (ha) before saving; the file becomes GeoJSON in the text field
        # so the planner need not upload it again.
        preview = _area_preview(form)
        if form.area is not None:
            data = request.POST.copy()
            data["geometry_text"] = json.dumps(form.area.geometry)
            form = ApplicationForm(data, initial=initial, require_geometry=app is None)
            form.is_valid()
    elif request.method == "POST" and form.is_valid():
        try:
            if app is None:
                app = application_create(
                    actor=user,
                    application_round=rnd,
                    name=form.cleaned_data["name"],
                    geometry=form.cleaned_data["geometry"],
                    answers=form.answers(),
                    co_municipality_codes=form.cleaned_data["co_municipalities"],
                )
            else:
                application_update(
                    actor=user,
                    application=app,
                    name=form.cleaned_data["name"],
                    geometry=form.cleaned_data.get("geometry"),
                    answers=form.answers(),
                )
            for note in form.area_notes():
                messages.info(request, note)
            messages.success(request, _("The application was saved as a draft."))
            return post_redirect(request, "parks:application", app.pk)
        except DomainError as exc:
            form.add_error(None, error_message(exc))
    context = {"form": form, "app": app, "round": rnd, "preview": preview}
    # a refused POST answers 422 (the form with its errors), not 200
    status = 422 if request.method == "POST" and form.errors else 200
    return render(request, "parks/application_form.html", context, status=status)


def _area_preview(form: ApplicationForm) -> dict[str, Any] | None:
    area = form.area
    if area is None:
        return None
    return {
        "area_ha": area.area_ha,
        "source_crs": area.source_crs,
        "feature_count": area.feature_count,
        "parts": area.parts,
        "notes": form.area_notes(),
    }


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not is_planner(user):
        raise Http404
    return _application_form_page(request, user, None)


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    app = _visible(user, pk)
    if not may_edit(user, app):
        raise Http404
    return _application_form_page(request, user, app)


def _visible(user: User, pk: int) -> ParkApplication:
    try:
        return application_for(user, pk)
    except DomainError:
        raise Http404 from None


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    app = _visible(user, pk)
    if request.method == "POST":
        return _detail_action(request, user, app)
    return application_page(request, user, app)


def application_page(
    request: HttpRequest,
    user: User,
    app: ParkApplication,
    *,
    status: int = 200,
    attachment_form: AttachmentForm | None = None,
) -> HttpResponse:
    """The application's page; a refused attachment shows here with its errors (422)."""
    lang = page_language()
    answers = [
        {"label": q.label(lang), "legal_basis": q.legal_basis, "value": app.answers.get(q.key, "")}
        for q in QUESTIONS
    ]
    scores = {e.criterion: e for e in app.evaluations.all()}
    criteria = [
        {"c": c, "title": c.title(lang), "evaluation": scores.get(c.code)} for c in rules().criteria
    ]
    context = {
        "app": app,
        "answers": answers,
        "criteria": criteria,
        "total": total_score(app),
        "screening": app.latest_screening(),
        "screenings": app.screenings.all(),
        "may_edit": may_edit(user, app),
        "is_screener": is_screener(user),
        "evaluation_form": EvaluationForm(),
        "conditions": condition_rows(app, lang),
        "stages": application_stages(app),
        "consents": app.consents.select_related("municipality"),
        "supply": supply_rows(app.answers, _report_of(app), lang),
        "dialogue": app.dialogue.select_related("municipality", "author"),
        "dialogue_form": _dialogue_form(app),
        "may_dialogue": app.status == ApplicationStatus.SUBMITTED
        and (
            is_screener(user)
            or (
                is_planner(user)
                and any(m.pk == user.organisation_id for m in app.municipalities.all())
            )
        ),
        "eligibility": (eligibility := application_eligibility(app)),
        "eligibility_reasons": eligibility.reasons(lang),
        "condition_form": ConditionForm(),
        "attachments": app.attachments.select_related("organisation"),
        "attachment_form": attachment_form or AttachmentForm(),
        "decision_form": DecisionForm(),
        "status": ApplicationStatus,
        "lang": lang,
    }
    return render(request, "parks/application_detail.html", context, status=status)


@errors_to_messages()
def _detail_action(request: HttpRequest, user: User, app: ParkApplication) -> HttpResponse:
    action = request.POST.get("action")
    if action == "submit":
        application_submit(actor=user, application=app)
        messages.success(request, _("The application was submitted and screened."))
    elif action == "rescreen":
        record = application_rescreen(actor=user, application=app, force=True)
        messages.success(request, _("A new screening report was made.") if record else "")
    elif action == "evaluate":
        form = EvaluationForm(request.POST)
        if not form.is_valid():
            return form_invalid(
                request, _("Choose a criterion, a score from 0 to 5 and a justification.")
            )
        evaluation_save(actor=user, application=app, **form.cleaned_data)
        messages.success(request, _("The score was saved."))
    elif action == "condition":
        cform = ConditionForm(request.POST)
        if not cform.is_valid():
            raise ValueError(_("Choose the condition and the finding."))
        condition_assess(actor=user, application=app, **cform.cleaned_data)
        messages.success(request, _("The finding was saved."))
    elif action == "dialogue":
        dialogue = _dialogue_form(app, request.POST)
        if not dialogue.is_valid():
            raise ValueError(_("Choose the kind, the date and write the text."))
        dialogue_add(actor=user, application=app, **dialogue.cleaned_data)
        messages.success(request, _("The dialogue entry was saved."))
    elif action == "decide":
        dform = DecisionForm(request.POST)
        if not dform.is_valid():
            return form_invalid(request, _("Choose the decision and enter the date and reasons."))
        decision_record(actor=user, application=app, **dform.cleaned_data)
        messages.success(request, _("The decision was recorded."))
    else:
        raise Http404
    return post_redirect(request, "parks:application", app.pk)


def _report_of(app: ParkApplication) -> dict[str, Any] | None:
    latest = app.latest_screening()
    return latest.report if latest is not None else None


def _dialogue_form(app: ParkApplication, data: Any = None) -> DialogueForm:
    municipalities = [(str(m.authority_code), m.name) for m in app.municipalities.all()]
    return DialogueForm(data, municipalities=municipalities)


@login_required
def comparison(request: HttpRequest) -> HttpResponse:
    """All visible applications side by side; ?sort=, ?format=csv|xlsx."""
    user = _user(request)
    if not is_screener(user):
        raise Http404
    sort = request.GET.get("sort", "-total")
    rows = export.comparison_rows(visible_applications(user).prefetch_related("evaluations"), sort)
    lang = page_language()
    fmt = request.GET.get("format")
    if fmt == "csv":
        return download_response(export.to_csv(rows, lang), CSV, "industriparker.csv", private=True)
    if fmt == "xlsx":
        return download_response(
            export.to_xlsx(rows, lang), XLSX, "industriparker.xlsx", private=True
        )
    columns = [
        ("name", _("Name")),
        ("municipality", _("Municipalities")),
        ("region", _("Region")),
        ("area_ha", _("Area (ha)")),
        ("excluded", _("§ 13(2) overlap")),
        ("total", _("Weighted total")),
    ]
    context = {
        "rows": rows,
        "sort": sort,
        "columns": columns,
        "criteria": [c.title(lang) for c in rules().criteria],
    }
    return render(request, "parks/comparison.html", context)


@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not is_administrator(user):
        raise Http404
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_open(actor=user, **form.cleaned_data)
            messages.success(request, _("The application round is open."))
            return post_redirect(request, "web:parks")
        except DomainError as exc:
            form.add_error(None, error_message(exc))
    return render(request, "parks/round_form.html", {"form": form})
