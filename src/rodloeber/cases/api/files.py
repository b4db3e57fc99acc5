"""Documents (upload with size and content checks, party-only download),
messages with read receipts, in-app notices and the public schedule page data."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from rodloeber.accounts.current import caller
from rodloeber.cases.access import access_log_record
from rodloeber.cases.api.schemas import (
    DocumentOut,
    MessageIn,
    MessageOut,
    NoticeOut,
    ScheduleOut,
)
from rodloeber.cases.errors import CaseError, NotFound
from rodloeber.cases.models import AccessWhat, Case, Document, Message, Notice
from rodloeber.cases.selectors import case_for, document_for, visible_cases
from rodloeber.cases.services.documents import (
    MAX_DOCUMENT_BYTES,
    document_upload,
    message_mark_read,
    message_post,
)
from rodloeber.core.api_errors import ERRORS, ErrorOut
from rodloeber.core.uploads import STORED_CONTENT_TYPES, private_download
from rodloeber.core.web import file_responses

router = Router(tags=["documents and messages"])


def _document_out(d: Document) -> dict[str, Any]:
    return {
        "id": d.pk,
        "filename": d.filename,
        "content_type": d.content_type,
        "size": d.size,
        "sha256": d.sha256,
        "description": d.description,
        "uploaded_by": d.uploaded_by.get_full_name() or d.uploaded_by.username,
        "organisation": d.organisation.name if d.organisation else None,
        "created_at": d.created_at.isoformat(),
    }


@router.get(
    "/cases/{int:case_id}/documents",
    response={200: list[DocumentOut], **ERRORS},
    operation_id="case_documents_list",
)
def list_documents(request: HttpRequest, case_id: int) -> Any:
    """Documents of a case the caller may see."""
    case = case_for(caller(request), case_id)
    return [_document_out(d) for d in case.documents.select_related("uploaded_by", "organisation")]


@router.post(
    "/cases/{int:case_id}/documents",
    response={201: DocumentOut, **ERRORS},
    summary="Upload a document (max 25 MB; PDF, PNG, JPEG, Office/ODF, text)",
    operation_id="case_document_upload",
)
def upload_document(
    request: HttpRequest,
    case_id: int,
    file: File[UploadedFile],
    description: Form[str] = "",
) -> Any:
    """Company, case managers and owning authorities upload; the type is checked by
    the file's first bytes, not by its name alone."""
    user = caller(request)
    case = case_for(user, case_id)
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:
        raise CaseError(
            "document_size",
            "Filen er for stor (højst 25 MB).",
            "The file is too large (at most 25 MB).",
        )
    content = file.read(MAX_DOCUMENT_BYTES + 1)
    doc = document_upload(
        actor=user,
        case=case,
        filename=file.name or "",
        content=content,
        description=description,
    )
    return Status(201, _document_out(doc))


@router.get(
    "/documents/{int:document_id}/download",
    summary="Download a document",
    operation_id="document_download",
    openapi_extra=file_responses(
        "application/octet-stream",
        *STORED_CONTENT_TYPES,
        description="The document, in the type it was stored with",
    ),
)
def download_document(request: HttpRequest, document_id: int) -> Any:
    """Parties of the case only; others get 404."""
    user = caller(request)
    doc = document_for(user, document_id)
    access_log_record(viewer=user, case=doc.case, what=AccessWhat.DOCUMENT, detail=doc.filename)
    return private_download(doc.file, doc.filename, doc.content_type)


def _message_out(m: Message, user_id: int) -> dict[str, Any]:
    readers = list(m.reads.select_related("user"))
    return {
        "id": m.pk,
        "thread_id": m.thread_id,
        "author": m.author.get_full_name() or m.author.username,
        "organisation": m.organisation.name if m.organisation else None,
        "subject": m.subject,
        "body": m.body,
        "created_at": m.created_at.isoformat(),
        "read_by": [r.user.get_full_name() or r.user.username for r in readers],
        "read_by_me": any(r.user_id == user_id for r in readers),
    }


@router.get(
    "/cases/{int:case_id}/messages",
    response={200: list[MessageOut], **ERRORS},
    operation_id="case_messages_list",
)
def list_messages(request: HttpRequest, case_id: int) -> Any:
    """Messages of the case, oldest first (threads via `thread_id`)."""
    user = caller(request)
    case = case_for(user, case_id)
    return [
        _message_out(m, user.pk) for m in case.messages.select_related("author", "organisation")
    ]


@router.post(
    "/cases/{int:case_id}/messages",
    response={201: MessageOut, **ERRORS},
    operation_id="case_message_post",
)
def post_message(request: HttpRequest, case_id: int, payload: MessageIn) -> Any:
    """Post a message or a reply (`thread_id`)."""
    user = caller(request)
    case = case_for(user, case_id)
    thread = None
    if payload.thread_id is not None:
        thread = case.messages.filter(pk=payload.thread_id).first()
        if thread is None:
            raise NotFound()
    m = message_post(
        actor=user, case=case, body=payload.body, subject=payload.subject, thread=thread
    )
    return Status(201, _message_out(m, user.pk))


@router.post(
    "/messages/{int:message_id}/read",
    response={200: MessageOut, **ERRORS},
    operation_id="message_read",
)
def read_message(request: HttpRequest, message_id: int) -> Any:
    """Record a read receipt for the caller."""
    user = caller(request)
    m = Message.objects.filter(pk=message_id, case__in=visible_cases(user)).first()
    if m is None:
        raise NotFound()
    message_mark_read(actor=user, message=m)
    return _message_out(m, user.pk)


@router.get(
    "/notices", response=list[NoticeOut], summary="My in-app notices", operation_id="notices_list"
)
def notices(request: HttpRequest, unread: bool = False) -> Any:
    """The caller's in-app notices, newest first (at most 200)."""
    qs = Notice.objects.filter(user=caller(request))
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return [
        {
            "id": n.pk,
            "case_id": n.case_id,
            "subject": n.subject,
            "body": n.body,
            "created_at": n.created_at.isoformat(),
            "read_at": n.read_at.isoformat() if n.read_at else None,
        }
        for n in qs[:200]
    ]


@router.get(
    "/schedules/{uuid:public_id}",
    auth=None,
    response={200: ScheduleOut, 404: ErrorOut},
    summary="A published schedule (public, NZIA art. 9(11))",
    operation_id="schedule_get",
)
def public_schedule(request: HttpRequest, public_id: uuid.UUID) -> Any:
    """Free-access schedule: title, permits and milestone dates; no company data
    beyond the project title. 404 until the case manager publishes it."""
    case = Case.objects.filter(public_id=public_id, schedule_published_at__isnull=False).first()
    if case is None:
        raise NotFound()
    permits = []
    for p in case.permits.prefetch_related("milestones").select_related("owner"):
        permits.append(
            {
                "name_da": p.name_da,
                "name_en": p.name_en,
                "authority": p.owner.name if p.owner else p.authority_name,
                "status": p.status,
                "milestones": [
                    {
                        "kind": m.kind,
                        "planned": m.planned.isoformat(),
                        "forecast": m.forecast.isoformat(),
                        "actual": m.actual.isoformat() if m.actual else None,
                    }
                    for m in p.milestones.all()
                ],
            }
        )
    return {
        "title": case.title,
        "reference": case.reference,
        "clock_start": case.clock_start.isoformat() if case.clock_start else None,
        "cap_months": case.cap_months,
        "cap_deadline": case.cap_deadline.isoformat() if case.cap_deadline else None,
        "published_at": case.schedule_published_at.isoformat()
        if case.schedule_published_at
        else None,
        "as_of": timezone.localdate().isoformat(),
        "permits": permits,
    }
