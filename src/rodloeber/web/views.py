"""Public pages, the role start page, and pages whose features are being built."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rodloeber.accounts.models import User
from rodloeber.cases.errors import CaseError
from rodloeber.cases.models import NotificationPreference
from rodloeber.cases.notify import may_use_digital_post
from rodloeber.cases.services.notifications import notification_preferences_set
from rodloeber.core.digital_post import is_fake as is_fake_digital_post
from rodloeber.core.page_errors import error_message
from rodloeber.layers.loading import list_layers
from rodloeber.web.inbox import inbox_tasks, remember_count, task_rows
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
    tasks = inbox_tasks(user, today) if isinstance(user, User) else []
    request._rl_inbox_count = len(tasks)  # type: ignore[attr-defined]
    if isinstance(user, User):
        remember_count(user, len(tasks))
    return render(
        request,
        "web/dashboard.html",
        {
            "role_code": role,
            "role_label": getattr(user, "role_label", ""),
            "organisation_name": organisation.display_name if organisation else "",
            "role_tasks": role_tasks(role),
            "inbox": task_rows(tasks, today),
            "preference": NotificationPreference.objects.filter(user_id=user.pk or 0).first(),
            "digital_post": may_use_digital_post(user) if isinstance(user, User) else False,
            "digital_post_fake": is_fake_digital_post(),
        },
    )


@login_required
@require_POST
def notification_settings(request: HttpRequest) -> HttpResponse:
    """/min-side/notifikationer: e-mails and the daily digest on or off (own settings)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    try:
        notification_preferences_set(
            actor=user,
            email=request.POST.get("email") == "1",
            digest=request.POST.get("digest") == "1",
            digital_post=request.POST.get("digital_post") == "1",
        )
    except CaseError as exc:
        messages.error(request, error_message(exc))
        return redirect(reverse("web:dashboard") + "#notifications-heading")
    messages.success(request, _("Your notification settings are saved."))
    return redirect(reverse("web:dashboard") + "#notifications-heading")


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico: browsers ask for it on pages without an icon link (plain error
    responses, file views); answer with our SVG icon instead of a 404."""
    return HttpResponsePermanentRedirect(static("rodloeber/favicon.svg"))
