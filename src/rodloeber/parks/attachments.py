"""Attachments on applications (bilag): letters of intent, council decisions, maps.

Upload and delete while the application is a draft, by planners of an applying
municipality; list and download for everybody who may see the application
(the applying municipalities and, once submitted, the state screeners). The
type is proven by magic bytes (``rodloeber.core.uploads``), the file name is
sanitised and only shown, the file is stored under MEDIA_ROOT with a random
name. One audit event per upload or deletion.
"""

from __future__ import annotations

from django.db import transaction

from rodloeber.accounts.models import User
from rodloeber.audit.services import record_event
from rodloeber.core.media_files import atomic_with_files, delete_after_commit
from rodloeber.core.uploads import check_upload
from rodloeber.parks.errors import Forbidden, NotFound, ParkError
from rodloeber.parks.models import ApplicationAttachment, AttachmentKind, ParkApplication
from rodloeber.parks.selectors import application_for, may_edit

#: Largest attachment (20 MB): a scanned council decision fits easily.
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
#: At most this many attachments on one application.
MAX_ATTACHMENTS = 30


def attachment_for(user: User, attachment_id: int) -> ApplicationAttachment:
    """An attachment of an application ``user`` may see, or :class:`NotFound`."""
    att = (
        ApplicationAttachment.objects.select_related("application").filter(pk=attachment_id).first()
    )
    if att is None:
        raise NotFound()
    application_for(user, att.application_id)  # NotFound when the application is hidden
    return att


def attachment_upload(
    *,
    actor: User,
    application: ParkApplication,
    filename: str,
    content: bytes,
    kind: str = AttachmentKind.OTHER,
    description: str = "",
) -> ApplicationAttachment:
    """Attach a file to a draft application."""
    if not may_edit(actor, application):
        raise Forbidden()
    if kind not in AttachmentKind.values:
        raise ParkError("attachment_kind", "Ukendt type bilag.", "Unknown kind of attachment.")
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise ParkError(
            "attachment_count",
            f"Der kan højst være {MAX_ATTACHMENTS} bilag på en ansøgning.",
            f"An application can have at most {MAX_ATTACHMENTS} attachments.",
        )
    name, content_type, digest = check_upload(
        filename,
        content,
        max_bytes=MAX_ATTACHMENT_BYTES,
        error=ParkError,
        prefix="attachment",
        default_name="bilag",
    )
    with atomic_with_files() as files:
        att = ApplicationAttachment(
            application=application,
            kind=kind,
            filename=name,
            content_type=content_type,
            size=len(content),
            sha256=digest,
            description=description.strip()[:500],
            uploaded_by=actor,
            organisation=actor.organisation,
        )
        files.stage(att.file, "bilag", content)  # moved into place when the row commits
        att.save()
        record_event(
            action="parks.attachment_upload",
            actor=actor,
            subject=application,
            after={
                "attachment_id": att.pk,
                "filename": name,
                "kind": kind,
                "size": len(content),
                "sha256": digest,
            },
        )
    return att


def attachment_delete(*, actor: User, attachment: ApplicationAttachment) -> None:
    """Remove an attachment while the application is a draft (file deleted after commit)."""
    application = attachment.application
    if not may_edit(actor, application):
        raise Forbidden()
    with transaction.atomic():
        record_event(
            action="parks.attachment_delete",
            actor=actor,
            subject=application,
            before={
                "attachment_id": attachment.pk,
                "filename": attachment.filename,
                "sha256": attachment.sha256,
            },
        )
        delete_after_commit(attachment.file)
        attachment.delete()
