"""Pages for attachments on applications: upload, download, delete (bilag).

Hidden applications and attachments answer 404 (``attachment_for`` /
``application_for``); writes go through :mod:`rodloeber.parks.attachments`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rodloeber.core.uploads import private_download
from rodloeber.parks.attachments import (
    MAX_ATTACHMENT_BYTES,
    attachment_delete,
    attachment_for,
    attachment_upload,
)
from rodloeber.parks.errors import NotFound
from rodloeber.parks.forms import AttachmentForm
from rodloeber.parks.selectors import application_for
from rodloeber.parks.web_common import errors_back_to, post_redirect
from rodloeber.parks.workspace import _user


@login_required
@require_POST
@errors_back_to("parks:application")
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    app = application_for(user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        raise ValueError(_("Choose a file and the kind of attachment."))
    f = form.cleaned_data["file"]
    attachment_upload(
        actor=user,
        application=app,
        filename=f.name or "",
        content=f.read(MAX_ATTACHMENT_BYTES + 1),  # the service refuses anything larger
        kind=form.cleaned_data["kind"],
        description=form.cleaned_data["description"],
    )
    messages.success(request, _("The attachment is uploaded."))
    return post_redirect(request, "parks:application", app.pk)


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
@errors_back_to("parks:application")
def delete(request: HttpRequest, pk: int, att_id: int) -> HttpResponse:
    user = _user(request)
    att = attachment_for(user, att_id)
    if att.application_id != pk:
        raise Http404
    attachment_delete(actor=user, attachment=att)
    messages.success(request, _("The attachment is deleted."))
    return post_redirect(request, "parks:application", pk)
