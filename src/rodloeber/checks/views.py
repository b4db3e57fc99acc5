"""Pages of the public check (/tjek): steps, result, saving and saved checks.

Works without JavaScript (plain forms, POST-redirect-GET); htmx boosts the
forms and fills in the municipality when a point is clicked on the map.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rodloeber.accounts.models import User
from rodloeber.checks.answers import Answers, answers_from_post, convert, kommune_label
from rodloeber.checks.computation import run_check
from rodloeber.checks.form_view import hidden_answers, question_context
from rodloeber.checks.parks import match_site, parks_at
from rodloeber.checks.presenters import result_context
from rodloeber.checks.selectors import may_save_checks, saved_check_get, saved_checks_visible_to
from rodloeber.checks.services import saved_check_create
from rodloeber.checks.steps import STEPS, step
from rodloeber.core.web import page_language
from rodloeber.layers.kommune_lookup import kommune_at, kommune_in_text

SESSION_KEY = "rodloeber.check.answers"


def _answers(request: HttpRequest) -> Answers:
    data = request.session.get(SESSION_KEY)
    return dict(data) if isinstance(data, dict) else {}


def _steps_nav(current: int | None) -> list[dict[str, Any]]:
    return [
        {
            "number": s.number,
            "title": s.title,
            "url": reverse("checks:step", args=[s.number]),
            "current": s.number == current,
        }
        for s in STEPS
    ]


def plan_preview_url() -> str:
    """The lead's process-plan preview (web:plan_preview)."""
    return reverse("web:plan_preview")


def _render_step(
    request: HttpRequest, number: int, answers: Answers, errors: dict[str, str]
) -> HttpResponse:
    current = step(number)
    assert current is not None
    language = page_language()
    questions = [
        question_context(q, answers, errors.get(q.name, ""), language) for q in current.questions
    ]
    context = {
        "step": current,
        "steps_total": len(STEPS),
        "steps_nav": _steps_nav(number),
        "questions": questions,
        "errors": [q for q in questions if q["error"]],
        "hidden": hidden_answers(answers, current),
        "is_last": number == len(STEPS),
    }
    return render(request, "checks/step.html", context)


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """/tjek: the first step (projekt)."""
    return _render_step(request, 1, _answers(request), {})


@require_http_methods(["GET", "POST"])
def step_view(request: HttpRequest, number: int) -> HttpResponse:
    """One step: GET shows it, POST stores the answers and moves on (or shows errors)."""
    current = step(number)
    if current is None:
        return redirect("checks:step", 1)
    if request.method == "GET":
        answers = _answers(request)
        errors = (
            convert(answers, page_language()).errors_for(current) if "fejl" in request.GET else {}
        )
        return _render_step(request, number, answers, errors)
    answers = answers_from_post(request.POST, current, _answers(request))
    request.session[SESSION_KEY] = answers
    goto = request.POST.get("goto", "")
    if goto.isdigit() and step(int(goto)) is not None:
        return redirect("checks:step", int(goto))
    if request.POST.get("nav") == "back":
        return redirect("checks:step", max(number - 1, 1))
    errors = convert(answers, page_language()).errors_for(current)
    if errors:
        return _render_step(request, number, answers, errors)
    if number < len(STEPS):
        return redirect("checks:step", number + 1)
    return redirect("checks:result")


@require_GET
def result(request: HttpRequest) -> HttpResponse:
    """The answer: eligibility, cap, permits by authority, EU guidance, assumptions."""
    answers = _answers(request)
    language = page_language()
    conversion = convert(answers, language)
    for s in STEPS:
        if conversion.errors_for(s):
            return redirect(reverse("checks:step", args=[s.number]) + "?fejl=1")
    run = run_check(conversion.facts)  # the one check computation (parks, then rules)
    park_match, checked = run.park_match, run.facts
    context = result_context(checked, run.to_dict(), language)
    address = answers.get("site_address", "")
    context.update(
        {
            "park_match": park_match,
            "steps_nav": _steps_nav(None),
            "notes": conversion.notes,
            "facts_json": json.dumps(checked, ensure_ascii=False),
            "plan_url": plan_preview_url(),
            "today": timezone.localdate().isoformat(),
            "may_save": may_save_checks(request.user),
            "project_title": run.result.facts.title or "",
            "site_address": address if isinstance(address, str) else "",
        }
    )
    return render(request, "checks/result.html", context)


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Gem som kladde: save the current result for the user's company."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("checks:result"))
    user = request.user
    assert isinstance(user, User)
    if not may_save_checks(user):
        raise PermissionDenied
    answers = _answers(request)
    conversion = convert(answers, page_language())
    if conversion.errors:
        return redirect("checks:result")
    address = answers.get("site_address", "")
    saved = saved_check_create(
        actor=user,
        facts=conversion.facts,
        title=request.POST.get("title", ""),
        site_address=address if isinstance(address, str) else "",
    )
    messages.success(request, _("The check is saved as a draft."))
    return redirect("checks:saved_detail", saved.pk)


@require_POST
def reset(request: HttpRequest) -> HttpResponse:
    """Start a new check: forget the answers in the session."""
    request.session.pop(SESSION_KEY, None)
    return redirect("checks:step", 1)


@login_required
def saved_list(request: HttpRequest) -> HttpResponse:
    """/tjek/gemte: the saved checks of the user's own company."""
    user = request.user
    assert isinstance(user, User)
    context = {
        "saved_checks": saved_checks_visible_to(user),
        "may_save": may_save_checks(user),
    }
    return render(request, "checks/saved_list.html", context)


@login_required
def saved_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One saved check, drawn from the stored result; other companies' answer 404."""
    user = request.user
    assert isinstance(user, User)
    saved = saved_check_get(user, pk)
    context = result_context(saved.facts, saved.result, page_language())
    site = saved.facts.get("site") if isinstance(saved.facts, dict) else None
    context.update(
        {
            "park_match": match_site(site.get("point"), site.get("kommune_kode"))
            if isinstance(site, dict)
            else None,
            "saved": saved,
            "facts_json": json.dumps(saved.facts, ensure_ascii=False),
            "plan_url": plan_preview_url(),
            "today": timezone.localdate().isoformat(),
            "project_title": saved.title,
            "site_address": saved.site_address,
        }
    )
    return render(request, "checks/result.html", context)


@require_GET
def kommune_lookup(request: HttpRequest) -> HttpResponse:
    """htmx fragment: the municipality of a map point or named in an address."""
    language = page_language()
    code: str | None = None
    message = ""
    lon, lat = request.GET.get("site_lon", ""), request.GET.get("site_lat", "")
    if lon and lat:
        try:
            code = kommune_at(float(lon), float(lat))
        except ValueError:
            code = None
        if code is None:
            message = _("The point is not inside a Danish municipality. Click on land in Denmark.")
        else:
            message = _("The point lies in %s.") % kommune_label(code, language)
            for park in parks_at(float(lon), float(lat))[:1]:
                message += " " + _(
                    "It lies in the designated industrial park %(name)s (%(status)s)."
                ) % {"name": park.application.name, "status": park.get_status_display()}
    else:
        address = request.GET.get("site_address", "").strip()
        code = kommune_in_text(address) if address else None
        if code:
            message = _("We recognised %s in the address.") % kommune_label(code, language)
        elif address:
            message = _("No municipality name was found in the address.")
    return render(request, "checks/_kommune_found.html", {"code": code or "", "message": message})
