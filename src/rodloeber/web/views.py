"""Public pages, the role start page, and pages whose features are being built."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.cases.inbox import tasks_for
from rodloeber.layers.loading import list_layers
from rodloeber.web.inbox import task_rows
from rodloeber.web.navigation import role_tasks


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


def data_sources(request: HttpRequest) -> HttpResponse:
    """Attribution for bundled data and the provenance of every registered layer."""
    return render(request, "web/data_sources.html", {"layers": list_layers()})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = getattr(user, "role", "")
    organisation = getattr(user, "organisation", None)
    today = timezone.localdate()
    tasks = tasks_for(user, today) if isinstance(user, User) else []
    request._rl_inbox_count = len(tasks)  # type: ignore[attr-defined]
    return render(
        request,
        "web/dashboard.html",
        {
            "role_code": role,
            "role_label": getattr(user, "role_label", ""),
            "organisation_name": organisation.name if organisation else "",
            "role_tasks": role_tasks(role),
            "inbox": task_rows(tasks, today),
        },
    )


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico: browsers ask for it on pages without an icon link (plain error
    responses, file views); answer with our SVG icon instead of a 404."""
    return HttpResponsePermanentRedirect(static("rodloeber/favicon.svg"))
