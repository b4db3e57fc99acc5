"""Attachments on applications: magic bytes, names, storage, who sees, audit, API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rodloeber.accounts.models import User
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.audit.models import AuditEvent
from rodloeber.parks.attachments import attachment_delete, attachment_upload
from rodloeber.parks.errors import Forbidden, ParkError
from rodloeber.parks.models import ApplicationAttachment, ParkApplication
from rodloeber.parks.services import application_submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(
    user: User, app: ParkApplication, name: str = "hensigt.pdf", content: bytes = PDF
) -> Any:
    return attachment_upload(
        actor=user, application=app, filename=name, content=content, kind="letter_of_intent"
    )


def test_upload_stores_under_a_random_name_with_one_audit_event(
    planner: User, draft: ParkApplication, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    before = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):  # the file moves in on commit
        att = upload(planner, draft, name="../../etc/Byrådets beslutning.pdf")
    assert att.filename == "Byrådets beslutning.pdf"  # path parts removed, name kept for display
    assert att.content_type == "application/pdf"
    stored = Path(att.file.path)
    assert stored.is_relative_to(media) and stored.read_bytes() == PDF
    assert "beslutning" not in stored.name and len(stored.name) == 32
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("seq").action == "parks.attachment_upload"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.pdf", b"MZ\x90\x00program", "attachment_type"),  # executable named .pdf
        ("brev.docx", PDF, "attachment_type"),  # a PDF named .docx
        ("side.html", b"<html><script>alert(1)</script>", "attachment_type"),
        ("tom.pdf", b"", "attachment_size"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    planner: User, draft: ParkApplication, media: Path, name: str, content: bytes, code: str
) -> None:
    with pytest.raises(ParkError) as err:
        upload(planner, draft, name=name, content=content)
    assert err.value.code == code
    assert err.value.message_da != err.value.message_en
    assert not ApplicationAttachment.objects.exists()
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_size_limit(planner: User, draft: ParkApplication) -> None:
    with pytest.raises(ParkError) as err:
        upload(planner, draft, content=PDF + b"0" * (20 * 1024 * 1024))
    assert err.value.code == "attachment_size"


def test_only_applying_planners_upload_and_only_while_draft(
    planner: User, other_planner: User, screener: User, draft: ParkApplication
) -> None:
    for outsider in (other_planner, screener):
        with pytest.raises(Forbidden):
            upload(outsider, draft)
    att = upload(planner, draft)
    application_submit(actor=planner, application=draft)
    with pytest.raises(Forbidden):
        upload(planner, draft)
    with pytest.raises(Forbidden):
        attachment_delete(actor=planner, attachment=att)


def test_delete_removes_row_and_file_after_commit(
    planner: User, draft: ParkApplication, django_capture_on_commit_callbacks: Any
) -> None:
    att = upload(planner, draft)
    path = Path(att.file.path)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attachment_delete(actor=planner, attachment=att)
    assert len(callbacks) == 1
    assert not ApplicationAttachment.objects.exists()
    assert not path.exists()
    assert AuditEvent.objects.latest("seq").action == "parks.attachment_delete"


def test_pages_upload_list_download_and_hide(
    planner: User, other_planner: User, screener: User, draft: ParkApplication
) -> None:
    client = Client()
    client.force_login(planner)
    url = f"/industriparker/ansoegninger/{draft.pk}"
    response = client.post(
        f"{url}/bilag",
        {"file": SimpleUploadedFile("beslutning.pdf", PDF), "kind": "council_decision"},
    )
    assert response.status_code == 302
    att = ApplicationAttachment.objects.get()
    page = client.get(url).content.decode()
    assert "beslutning.pdf" in page
    download = client.get(f"{url}/bilag/{att.pk}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    outsider = Client()
    outsider.force_login(other_planner)
    assert outsider.get(f"{url}/bilag/{att.pk}").status_code == 404
    state = Client()
    state.force_login(screener)
    assert state.get(f"{url}/bilag/{att.pk}").status_code == 404  # drafts are hidden
    application_submit(actor=planner, application=draft)
    assert state.get(f"{url}/bilag/{att.pk}").status_code == 200
    assert client.get(f"/industriparker/ansoegninger/999/bilag/{att.pk}").status_code == 404


def test_wrong_type_on_the_page_gives_a_message(planner: User, draft: ParkApplication) -> None:
    client = Client()
    client.force_login(planner)
    response = client.post(
        f"/industriparker/ansoegninger/{draft.pk}/bilag",
        {"file": SimpleUploadedFile("x.pdf", b"GIF89a"), "kind": "other"},
        follow=True,
    )
    assert "Filtypen er ikke tilladt" in response.content.decode()


def api(user: User, method: str, url: str, **kwargs: Any) -> Any:
    _, secret = token_create(actor=None, user=user, name="t", scopes=ALL_SCOPES)
    return getattr(Client(), method)(url, HTTP_AUTHORIZATION=f"Bearer {secret}", **kwargs)


def test_api_upload_list_download_delete(
    planner: User, other_planner: User, draft: ParkApplication
) -> None:
    base = f"/api/v1/parks/applications/{draft.pk}/attachments"
    created = api(
        planner,
        "post",
        base,
        data={"file": SimpleUploadedFile("brev.pdf", PDF), "kind": "letter_of_intent"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["content_type"] == "application/pdf" and body["kind"] == "letter_of_intent"
    listed = api(planner, "get", base).json()
    assert [a["filename"] for a in listed] == ["brev.pdf"]
    download = api(planner, "get", body["download_url"])
    assert download.status_code == 200
    assert api(other_planner, "get", body["download_url"]).status_code == 404
    assert api(other_planner, "get", base).status_code == 404
    refused = api(
        planner,
        "post",
        base,
        data={"file": SimpleUploadedFile("brev.pdf", b"MZ"), "kind": "other"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 422
    assert "not allowed" in refused.json()["detail"]
    assert (
        api(other_planner, "delete", f"/api/v1/parks/attachments/{body['id']}").status_code == 404
    )
    assert api(planner, "delete", f"/api/v1/parks/attachments/{body['id']}").status_code == 204
    assert api(planner, "get", base).json() == []
