"""The Digital Post adapter: recipients, the folder fake, error classes, the CLI."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from rodloeber.core.digital_post import (
    FAKE_LABEL,
    Attachment,
    FolderDigitalPost,
    Letter,
    PermanentDigitalPostError,
    Recipient,
    TransientDigitalPostError,
    digital_post_sender,
    is_fake,
)


def _letter(key: str = "case.submit:1:cvr13585628:digital_post", **kw: Any) -> Letter:
    return Letter(
        key=key,
        recipient=kw.pop("recipient", Recipient("cvr", "1358 5628")),
        subject="Sag / case RL-2026-0001",
        body="Ansøgningen er modtaget.",
        **kw,
    )


def test_recipients_are_validated_and_cpr_is_masked() -> None:
    assert Recipient("cvr", "1358 5628").number == "13585628"
    with pytest.raises(PermanentDigitalPostError, match="modulus-11"):
        Recipient("cvr", "12345678")
    with pytest.raises(PermanentDigitalPostError):
        Recipient("cpr", "0101")
    person = Recipient("cpr", "010190-1234")
    assert person.number == "0101901234" and person.masked == "CPR 010190-****"


def test_the_fake_writes_the_letter_once_per_key(tmp_path: Path) -> None:
    post = FolderDigitalPost(tmp_path)
    pdf = Attachment("afgørelse 1.pdf", "application/pdf", b"%PDF-1.7 test")
    receipt = post.send(_letter(attachments=(pdf,)))
    folder = tmp_path / receipt.id
    record = json.loads((folder / "letter.json").read_text("utf-8"))
    assert record["fake"] == FAKE_LABEL and record["recipient"]["number"] == "CVR 13585628"
    assert record["subject"] == "Sag / case RL-2026-0001"
    assert record["attachments"] == [
        {"filename": "afg_relse_1.pdf", "content_type": "application/pdf"}
    ]
    assert (folder / "afg_relse_1.pdf").read_bytes() == b"%PDF-1.7 test"
    assert post.send(_letter()) == receipt  # the same key: the same receipt, not a second letter
    assert len(post.letters()) == 1
    assert post.send(_letter(key="other")).id != receipt.id


def test_errors_are_classified(tmp_path: Path) -> None:
    exempt = FolderDigitalPost(tmp_path, exempt=frozenset({"13585628"}))
    with pytest.raises(PermanentDigitalPostError) as permanent:
        exempt.send(_letter())
    assert permanent.value.code == "recipient_exempt" and not permanent.value.transient
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(TransientDigitalPostError) as transient:
        FolderDigitalPost(blocked).send(_letter())
    assert transient.value.transient and transient.value.code == "storage"


def test_the_configured_sender_and_the_cli(settings: Any, tmp_path: Path) -> None:
    settings.RODLOEBER_DIGITAL_POST_DIR = str(tmp_path)
    assert is_fake()
    receipt = digital_post_sender().send(_letter())
    out = StringIO()
    call_command("digitalpost", "list", stdout=out)
    assert FAKE_LABEL in out.getvalue() and receipt.id in out.getvalue()
    out = StringIO()
    call_command("digitalpost", "show", receipt.id, stdout=out)
    assert '"body": "Ansøgningen er modtaget."' in out.getvalue()
    with pytest.raises(CommandError):
        call_command("digitalpost", "show", "../etc")
    settings.RODLOEBER_DIGITAL_POST_BACKEND = "tests.core.test_digital_post.NoProvider"
    assert not is_fake()
    with pytest.raises(CommandError, match="real Digital Post provider"):
        call_command("digitalpost", "list")


class NoProvider:
    def send(self, letter: Letter) -> Any:  # pragma: no cover - only configured, not called
        raise TransientDigitalPostError("down", "test provider")
