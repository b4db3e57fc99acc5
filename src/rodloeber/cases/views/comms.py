"""Messages (beskeder) with read receipts and documents (bilag): upload through
the documents service (size and magic bytes), download for parties only."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from rodloeber.accounts.current import caller
from rodloeber.cases.access import access_log_record
from rodloeber.cases.errors import CaseError
from rodloeber.cases.forms import DocumentForm, MessageForm
from rodloeber.cases.models import AccessWhat, Message
from rodloeber.cases.selectors import document_for, visible_cases
from rodloeber.cases.services.documents import (
    MAX_DOCUMENT_BYTES,
    document_upload,
    message_mark_read,
    message_post,
)
from rodloeber.cases.views.actions import run_action
from rodloeber.cases.views.common import detail_url, visible_case
from rodloeber.core.page_errors import raise_for_page
from rodloeber.core.uploads import private_download


@login_required
@require_POST
def post_message(request: HttpRequest, pk: int) -> HttpResponse:
    case, user = visible_case(request, pk), caller(request)
    form = MessageForm(request.POST)
    form_id = f"reply-{request.POST.get('thread')}" if request.POST.get("thread") else "message"

    def act(d: dict[str, Any]) -> object:
        thread = None
        if d["thread"]:
            thread = case.messages.filter(pk=d["thread"], thread__isnull=True).first()
            if thread is None:
                raise Http404
        return message_post(
            actor=user, case=case, body=d["body"], subject=d["subject"], thread=thread
        )

    return run_action(request, case, form_id, form, act, _("The message is sent."))


@login_required
@require_POST
def mark_read(request: HttpRequest, message_id: int) -> HttpResponse:
    user = caller(request)
    m = Message.objects.filter(pk=message_id, case__in=visible_cases(user)).first()
    if m is None:
        raise Http404
    message_mark_read(actor=user, message=m)
    return redirect(detail_url(m.case_id, f"message-{m.pk}"))


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case, user = visible_case(request, pk), caller(request)
    form = DocumentForm(request.POST, request.FILES)

    def act(d: dict[str, Any]) -> object:
        f = d["file"]
        content = f.read(MAX_DOCUMENT_BYTES + 1)  # the service rejects anything larger
        return document_upload(
            actor=user,
            case=case,
            filename=f.name or "",
            content=content,
            description=d["description"],
        )

    return run_action(request, case, "document", form, act, _("The document is uploaded."))


@login_required
@require_GET
def download(request: HttpRequest, doc_id: int) -> FileResponse:
    """Parties of the case only; everybody else gets 404."""
    try:
        doc = document_for(caller(request), doc_id)
    except CaseError as exc:
        raise_for_page(exc)
        raise
    access_log_record(
        viewer=caller(request), case=doc.case, what=AccessWhat.DOCUMENT, detail=doc.filename
    )
    return private_download(doc.file, doc.filename, doc.content_type)
