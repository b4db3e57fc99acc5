"""Documents (bilag) and messages (beskeder) with read receipts (læsekvitteringer).

Uploads are limited in size and checked by their first bytes (magic bytes),
not by the name or the browser's content type: only PDF, PNG, JPEG, Office
Open XML / OpenDocument (ZIP) and plain UTF-8 text are accepted.
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.cases.errors import CaseError, Forbidden, NotFound
from rodloeber.cases.models import Case, Document, Message, MessageRead
from rodloeber.cases.notify import all_parties, case_line, notify
from rodloeber.cases.selectors import can_write_to_case, visible_cases

#: Largest accepted upload (25 MB).
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024

_ZIP_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv"}


def sniff_content_type(filename: str, head: bytes) -> str | None:
    """The content type the bytes prove, if the file name's extension agrees."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if head.startswith(b"%PDF-"):
        return "application/pdf" if ext == "pdf" else None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png" if ext == "png" else None
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg" if ext in ("jpg", "jpeg") else None
    if head.startswith(b"PK\x03\x04"):
        return _ZIP_TYPES.get(ext)
    if ext in _TEXT_TYPES and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # a multi-byte character may be cut at the end of the sniffed head
            if exc.start < len(head) - 4:
                return None
        return _TEXT_TYPES[ext]
    return None


def _is_office_package(content: bytes) -> bool:
    """A readable ZIP with the part list of OOXML ([Content_Types].xml) or ODF (mimetype)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names or "mimetype" in names


def _clean_name(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:200] or "dokument"


def document_upload(
    *, actor: User, case: Case, filename: str, content: bytes, description: str = ""
) -> Document:
    """Attach a file to a case (applicant drafts included)."""
    if not can_write_to_case(actor, case):
        raise Forbidden()
    if len(content) == 0 or len(content) > MAX_DOCUMENT_BYTES:
        raise CaseError(
            "document_size",
            f"Filen skal være mellem 1 byte og {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.",
            f"The file must be between 1 byte and {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.",
        )
    name = _clean_name(filename)
    content_type = sniff_content_type(name, content[:4096])
    if content_type is None:
        raise CaseError(
            "document_type",
            "Filtypen er ikke tilladt, eller indholdet passer ikke til filnavnet. "
            "Tilladt: PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, TXT, CSV.",
            "The file type is not allowed, or the content does not match the name. "
            "Allowed: PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, TXT, CSV.",
        )
    if content_type in _ZIP_TYPES.values() and not _is_office_package(content):
        raise CaseError(
            "document_broken",
            "Filen er beskadiget: den er ikke et gyldigt Office- eller OpenDocument-dokument.",
            "The file is damaged: it is not a valid Office or OpenDocument file.",
        )
    digest = hashlib.sha256(content).hexdigest()
    stored: list[str] = []
    try:
        with transaction.atomic():
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
            doc.file.save(digest, ContentFile(content), save=False)
            stored.append(str(doc.file.name))  # written before the commit: removed on failure
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
    except BaseException:
        for path in stored:
            doc.file.storage.delete(path)
        raise
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
