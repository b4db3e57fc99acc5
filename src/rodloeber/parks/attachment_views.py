"""Pages for attachments on applications: upload, download, delete (bilag).

Hidden applications and attachments answer 404 (``attachment_for`` /
``application_for``); writes go through :mod:`rodloeber.parks.attachments`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rodloeber.core.page_errors import error_message, errors_to_messages
from rodloeber.core.uploads import private_download
from rodloeber.domain.errors import DomainError
from rodloeber.parks.attachments import (
    MAX_ATTACHMENT_BYTES,
    attachment_delete,
    attachment_for,
    attachment_upload,
)
from rodloeber.parks.errors import Forbidden, NotFound
from rodloeber.parks.forms import AttachmentForm
from rodloeber.parks.selectors import application_for
from rodloeber.parks.web_common import post_redirect
from rodloeber.parks.workspace import _user, application_page


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the file and go back to the application; a refused file answers 422
    with the application page and the reason at the file field."""
    user = _user(request)
    try:
        app = application_for(user, pk)
    except NotFound:
        raise Http404 from None
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        f = form.cleaned_data["file"]
        try:
            attachment_upload(
                actor=user,
                application=app,
                filename=f.name or "",
                content=f.read(MAX_ATTACHMENT_BYTES + 1),  # the service refuses anything larger
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
            )
        except Forbidden as exc:
            raise PermissionDenied(error_message(exc)) from exc
        except DomainError as exc:
            form.add_error("file", error_message(exc))
        else:
            messages.success(request, _("The attachment is uploaded."))
            return post_redirect(request, "parks:application", app.pk)
    return application_page(request, user, app, status=422, attachment_form=form)


@login_required
@require_GET
def download(request: HttpRequest, pk: int, att_id: int) -> FileResponse:
    """The applying municipalities and (after submission) the state screeners; else 404."""
    try:
        att = attachment_for(_user(request), att_id)
    except NotFound:
        raise Http404 from None
    if att.application_id != pk:
        raise Http404
    return private_download(att.file, att.filename, att.content_type)


@login_required
@require_POST
@errors_to_messages("parks:application")
def delete(request: HttpRequest, pk: int, att_id: int) -> HttpResponse:
    user = _user(request)
    att = attachment_for(user, att_id)
    if att.application_id != pk:
        raise Http404
    attachment_delete(actor=user, attachment=att)
    messages.success(request, _("The attachment is deleted."))
    return post_redirect(request, "parks:application", pk)
