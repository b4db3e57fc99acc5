"""Files of park applications: attachments (bilag) and area files (arealfiler).

Split from :mod:`rodloeber.parks.api.router`; mounted next to it. Hidden
applications and attachments answer 404 (the errors carry their status).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from rodloeber.accounts.current import caller
from rodloeber.core.api_errors import ERRORS
from rodloeber.core.uploads import STORED_CONTENT_TYPES, private_download
from rodloeber.core.web import file_responses
from rodloeber.parks.area_upload import MAX_AREA_FILE_BYTES, read_area_file
from rodloeber.parks.attachments import (
    MAX_ATTACHMENT_BYTES,
    attachment_delete,
    attachment_for,
    attachment_upload,
)
from rodloeber.parks.errors import Forbidden
from rodloeber.parks.models import ApplicationAttachment, AttachmentKind
from rodloeber.parks.selectors import application_for, is_planner, is_screener

router = Router(tags=["parks"])


class AttachmentOut(Schema):
    id: int
    application_id: int
    kind: str
    filename: str
    content_type: str
    size: int
    sha256: str
    description: str
    organisation: str | None
    created_at: datetime
    download_url: str


def _attachment_out(att: ApplicationAttachment) -> dict[str, Any]:
    return {
        "id": att.pk,
        "application_id": att.application_id,
        "kind": att.kind,
        "filename": att.filename,
        "content_type": att.content_type,
        "size": att.size,
        "sha256": att.sha256,
        "description": att.description,
        "organisation": att.organisation.name if att.organisation else None,
        "created_at": att.created_at,
        "download_url": f"/api/v1/parks/attachments/{att.pk}/download",
    }


@router.get(
    "/parks/applications/{int:app_id}/attachments",
    response={200: list[AttachmentOut], **ERRORS},
    operation_id="park_attachments_list",
)
def list_attachments(request: HttpRequest, app_id: int) -> Any:
    """Attachments of an application the caller may see (else 404)."""
    app = application_for(caller(request), app_id)
    return [_attachment_out(a) for a in app.attachments.select_related("organisation")]


@router.post(
    "/parks/applications/{int:app_id}/attachments",
    response={201: AttachmentOut, **ERRORS},
    summary="Attach a file (max 20 MB; PDF, PNG, JPEG, Office/ODF, text) to a draft",
    operation_id="park_attachment_upload",
)
def upload_attachment(
    request: HttpRequest,
    app_id: int,
    file: File[UploadedFile],
    kind: Form[str] = AttachmentKind.OTHER.value,
    description: Form[str] = "",
) -> Any:
    """Planners of an applying municipality, while the application is a draft. The
    type is proven by the file's first bytes; ``kind`` is one of
    letter_of_intent, council_decision, map, other."""
    user = caller(request)
    app = application_for(user, app_id)
    att = attachment_upload(
        actor=user,
        application=app,
        filename=file.name or "",
        content=file.read(MAX_ATTACHMENT_BYTES + 1),
        kind=kind,
        description=description,
    )
    return Status(201, _attachment_out(att))


@router.get(
    "/parks/attachments/{int:att_id}/download",
    response={200: None, **ERRORS},
    summary="Download an attachment",
    operation_id="park_attachment_download",
    openapi_extra=file_responses(
        "application/octet-stream",
        *STORED_CONTENT_TYPES,
        description="The attachment, in the type it was stored with",
    ),
)
def download_attachment(request: HttpRequest, att_id: int) -> Any:
    """The applying municipalities and, once submitted, state screeners; others 404."""
    att = attachment_for(caller(request), att_id)
    return private_download(att.file, att.filename, att.content_type)


@router.delete(
    "/parks/attachments/{int:att_id}",
    response={204: None, **ERRORS},
    operation_id="park_attachment_delete",
)
def delete_attachment(request: HttpRequest, att_id: int) -> Any:
    """Remove an attachment while the application is a draft."""
    user = caller(request)
    attachment_delete(actor=user, attachment=attachment_for(user, att_id))
    return Status(204, None)


class NoteOut(Schema):
    da: str
    en: str


class AreaOut(Schema):
    geometry: dict[str, Any] = Field(..., description="GeoJSON (EPSG:4326), ready for `geometry`")
    area_ha: float = Field(..., description="Area in hectares, computed in EPSG:25832")
    source_crs: str
    feature_count: int
    parts: int = Field(..., description="Separate parts after merging the features")
    notes: list[NoteOut]


@router.post(
    "/parks/areas/check",
    response={200: AreaOut, **ERRORS},
    summary="Read an area file (GeoJSON, GeoPackage, zipped Shapefile) into checked GeoJSON",
    operation_id="park_area_check",
)
def check_area_file(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """Planners and screeners. Any EPSG CRS; several polygons are merged (separate
    parts are reported in ``notes``), self-intersecting ones refused (with where), the
    area must lie in Denmark and be 1-10,000 ha. Nothing is stored: send ``geometry``
    to ``POST /parks/applications`` or ``PATCH`` a draft."""
    user = caller(request)
    if not (is_planner(user) or is_screener(user)):
        raise Forbidden()
    # read one byte more than allowed: read_area_file refuses a larger file
    area = read_area_file(file.read(MAX_AREA_FILE_BYTES + 1), file.name or "")
    return {
        "geometry": area.geometry,
        "area_ha": area.area_ha,
        "source_crs": area.source_crs,
        "feature_count": area.feature_count,
        "parts": area.parts,
        "notes": [{"da": n.da, "en": n.en} for n in area.notes],
    }
