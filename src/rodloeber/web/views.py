"""Public pages, the role start page, and pages whose features are being built."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rodloeber.layers.loading import list_layers
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
    return render(
        request,
        "web/dashboard.html",
        {
            "role_code": role,
            "role_label": getattr(user, "role_label", ""),
            "organisation_name": organisation.name if organisation else "",
            "role_tasks": role_tasks(role),
        },
    )
