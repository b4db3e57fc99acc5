"""Documents (bilag) and messages (beskeder) with read receipts (læsekvitteringer).

Uploads are limited in size and checked by their first bytes (magic bytes),
not by the name or the browser's content type: only PDF, PNG, JPEG, Office
Open XML / OpenDocument (ZIP) and plain UTF-8 text are accepted.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, Forbidden, NotFound
from rodloeber.cases.models import Case, Document, Message, MessageRead
from rodloeber.cases.notify import all_parties, case_line, notify
from rodloeber.cases.selectors import can_write_to_case, visible_cases
from rodloeber.core.media_files import atomic_with_files
from rodloeber.core.uploads import check_upload

#: Largest accepted upload (25 MB).
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


def document_upload(
    *, actor: User, case: Case, filename: str, content: bytes, description: str = ""
) -> Document:
    """Attach a file to a case (applicant drafts included)."""
    if not can_write_to_case(actor, case):
        raise Forbidden()
    name, content_type, digest = check_upload(
        filename, content, max_bytes=MAX_DOCUMENT_BYTES, error=CaseError, prefix="document"
    )
    with atomic_with_files() as files:
        doc = Document(
            case=case,
            filename=name,
            content_type=content_type,
            size=len(content),
            sha256=digest,
            description=description.strip()[:500],
            uploaded_by=actor,
            organisation=actor.organisation,
        )
        files.stage(doc.file, digest, content)  # moved into place when the row commits
        doc.save()
        event = record_event(
            action="document.upload",
            actor=actor,
            subject=doc,
            after={
                "case": case.reference,
                "filename": name,
                "size": len(content),
                "sha256": digest,
            },
        )
        notify(
            event=event,
            case=case,
            recipients=all_parties(case),
            subject=f"Nyt dokument / new document: {case.reference}",
            body=f"{case_line(case)}\n{name}",
            exclude=actor,
        )
    return doc


def message_post(
    *, actor: User, case: Case, body: str, subject: str = "", thread: Message | None = None
) -> Message:
    """Post a message in a case, optionally as a reply in a thread."""
    if not can_write_to_case(actor, case):
        raise Forbidden()
    text = body.strip()
    if not text or len(text) > 20_000:
        raise CaseError(
            "message_body",
            "Skriv en besked (højst 20.000 tegn).",
            "Write a message (at most 20,000 characters).",
        )
    if thread is not None and thread.case_id != case.pk:
        raise NotFound()
    root = thread.thread or thread if thread is not None else None
    with transaction.atomic():
        message = Message.objects.create(
            case=case,
            thread=root,
            author=actor,
            organisation=actor.organisation,
            subject=subject.strip()[:300],
            body=text,
        )
        MessageRead.objects.create(message=message, user=actor)
        event = record_event(
            action="message.post",
            actor=actor,
            subject=message,
            after={"case": case.reference, "thread": root.pk if root else None},
        )
        notify(
            event=event,
            case=case,
            recipients=all_parties(case),
            subject=f"Ny besked / new message: {case.reference}",
            body=f"{case_line(case)}\n{message.subject}",
            exclude=actor,
        )
    return message


def message_mark_read(*, actor: User, message: Message) -> MessageRead:
    """Record a read receipt (once per user and message)."""
    if not visible_cases(actor).filter(pk=message.case_id).exists():
        raise NotFound()
    with transaction.atomic():
        receipt, created = MessageRead.objects.get_or_create(
            message=message, user=actor, defaults={"read_at": timezone.now()}
        )
        if created:
            record_event(action="message.read", actor=actor, subject=message)
    return receipt
