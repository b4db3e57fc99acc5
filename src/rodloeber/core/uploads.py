"""Uploaded documents (bilag): content sniffing, safe file names, private download.

Shared by case documents (``rodloeber.cases``) and industrial park application
attachments (``rodloeber.parks``). The type is proven by the file's first bytes
(magic bytes) and must agree with the extension; the user's file name is kept
for display only and never used as a storage path.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils import timezone

from rodloeber.core.media_files import open_stored

_ZIP_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv"}
#: What :func:`sniff_content_type` accepts, for messages.
ALLOWED_TYPES = "PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, TXT, CSV"
#: Every content type :func:`sniff_content_type` can store, so a download serves
#: one of these (declared in the OpenAPI schema of the download operations).
STORED_CONTENT_TYPES = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    *_ZIP_TYPES.values(),
    *_TEXT_TYPES.values(),
)


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


def clean_filename(filename: str, default: str = "dokument") -> str:
    """The last path component, printable characters only, at most 200 characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:200] or default


def check_upload(
    filename: str,
    content: bytes,
    *,
    max_bytes: int,
    error: Callable[[str, str, str], Exception],
    prefix: str,
    default_name: str = "dokument",
) -> tuple[str, str, str]:
    """The clean file name, the proven content type and the SHA-256 of an upload.

    Refusals are raised as ``error(code, message_da, message_en)`` with the codes
    ``{prefix}_size`` and ``{prefix}_type``, so each app keeps its own error class.
    """
    if len(content) == 0 or len(content) > max_bytes:
        mb = max_bytes // (1024 * 1024)
        raise error(
            f"{prefix}_size",
            f"Filen skal være mellem 1 byte og {mb} MB.",
            f"The file must be between 1 byte and {mb} MB.",
        )
    name = clean_filename(filename, default_name)
    content_type = sniff_content_type(name, content[:4096])
    if content_type is None:
        raise error(
            f"{prefix}_type",
            "Filtypen er ikke tilladt, eller indholdet passer ikke til filnavnet. "
            f"Tilladt: {ALLOWED_TYPES}.",
            "The file type is not allowed, or the content does not match the name. "
            f"Allowed: {ALLOWED_TYPES}.",
        )
    if content_type in _ZIP_TYPES.values() and not _is_office_package(content):
        raise error(
            f"{prefix}_broken",
            "Filen er beskadiget: den er ikke et gyldigt Office- eller OpenDocument-dokument.",
            "The file is damaged: it is not a valid Office or OpenDocument file.",
        )
    return name, content_type, hashlib.sha256(content).hexdigest()


def _is_office_package(content: bytes) -> bool:
    """A readable ZIP with the part list of OOXML ([Content_Types].xml) or ODF (mimetype)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names or "mimetype" in names


class UploadedDocument(models.Model):
    """What every stored upload records besides its owner and ``file`` (abstract).

    Subclasses add the object they belong to and a ``FileField`` whose
    ``upload_to`` never uses ``filename`` (shown only, never a path)."""

    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.filename


def private_download(file: FieldFile, filename: str, content_type: str) -> FileResponse:
    """An attachment response that browsers neither sniff nor cache.

    The file is opened with :func:`rodloeber.core.media_files.open_stored`, so the
    transaction that staged a file can read it back before it commits."""
    response = FileResponse(
        open_stored(file), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
