"""Digital Post (offentlig Digital Post) as an adapter: one interface, a local
fake, and the place to plug in the real provider (Næste generation Digital
Post, NgDP; see docs/operations.md).

:class:`DigitalPostSender` sends one :class:`Letter` to a CVR or CPR recipient
(subject, body, attachments) and returns a :class:`Receipt`. Failures are
classified: :class:`TransientDigitalPostError` (try again later: timeouts,
the service is down, the disk is full) or :class:`PermanentDigitalPostError`
(retrying cannot help: no such recipient, recipient exempt from Digital Post,
a rejected attachment). The outbox worker retries the first with its usual
backoff and gives up at once on the second.

:class:`FolderDigitalPost` is a **fake**: it sends nothing. It writes each
letter to ``RODLOEBER_DIGITAL_POST_DIR`` (default ``var/digital-post``) as
``<receipt>/letter.json`` plus the attachments, so a developer can read what
would have been sent (``rodloeber digitalpost list`` / ``show``). Letters are
idempotent on their key: sending the same key twice returns the same receipt.
Recipients listed in ``RODLOEBER_DIGITAL_POST_EXEMPT`` (CVR/CPR numbers) are
refused as exempt (fritaget), so the permanent-error path can be exercised.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from rodloeber.domain.identifiers import cvr_problem, normalise_cvr

RecipientKind = Literal["cvr", "cpr"]
#: The fake's name, shown wherever its letters are listed (never mistaken for real post).
FAKE_LABEL = "FAKE Digital Post (local folder; nothing is sent)"
_CPR = re.compile(r"^\d{6}-?\d{4}$")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


class DigitalPostError(Exception):
    """A letter was not delivered; ``transient`` says whether to try again."""

    transient: bool = False

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


class TransientDigitalPostError(DigitalPostError):
    transient = True


class PermanentDigitalPostError(DigitalPostError):
    transient = False


@dataclass(frozen=True)
class Recipient:
    """A company by CVR number or a person by CPR number."""

    kind: RecipientKind
    number: str

    def __post_init__(self) -> None:
        if self.kind == "cvr":
            problem = cvr_problem(self.number)
            if problem is not None:
                raise PermanentDigitalPostError("recipient_invalid", problem.message_en)
            object.__setattr__(self, "number", normalise_cvr(self.number))
        elif self.kind == "cpr" and _CPR.match(self.number.strip()):
            object.__setattr__(self, "number", self.number.strip().replace("-", ""))
        else:
            raise PermanentDigitalPostError(
                "recipient_invalid", "A recipient is a CVR (8 digits) or CPR (10 digits) number."
            )

    @property
    def masked(self) -> str:
        """For logs and lists: a CPR number never appears in full."""
        return f"CVR {self.number}" if self.kind == "cvr" else f"CPR {self.number[:6]}-****"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Letter:
    """One letter. ``key`` makes sending idempotent (the outbox row's key)."""

    key: str
    recipient: Recipient
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Receipt:
    """The provider's id of the delivered letter (kvittering)."""

    id: str


class DigitalPostSender(Protocol):
    def send(self, letter: Letter) -> Receipt: ...


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "bilag"
    return cleaned[:100]


class FolderDigitalPost:
    """The local fake (see the module text). Not Digital Post: writes files."""

    label = FAKE_LABEL

    def __init__(self, root: Path, exempt: frozenset[str] = frozenset()) -> None:
        self.root = Path(root)
        self.exempt = exempt

    def receipt_for(self, key: str) -> str:
        return "fake-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    def send(self, letter: Letter) -> Receipt:
        if letter.recipient.number in self.exempt:
            raise PermanentDigitalPostError(
                "recipient_exempt",
                f"{letter.recipient.masked} is exempt from Digital Post (fritaget).",
            )
        for a in letter.attachments:
            if len(a.content) > MAX_ATTACHMENT_BYTES:
                raise PermanentDigitalPostError(
                    "attachment_too_large", f"The attachment {a.filename} is too large."
                )
        receipt = Receipt(self.receipt_for(letter.key))
        folder = self.root / receipt.id
        if (folder / "letter.json").exists():
            return receipt  # the same key was sent before
        try:
            folder.mkdir(parents=True, exist_ok=True)
            names = []
            for a in letter.attachments:
                name = _safe_name(a.filename)
                (folder / name).write_bytes(a.content)
                names.append({"filename": name, "content_type": a.content_type})
            record = {
                "fake": FAKE_LABEL,
                "receipt": receipt.id,
                "key": letter.key,
                "recipient": {"kind": letter.recipient.kind, "number": letter.recipient.masked},
                "subject": letter.subject,
                "body": letter.body,
                "attachments": names,
                "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            tmp = folder / "letter.json.tmp"
            tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
            tmp.replace(folder / "letter.json")  # complete letters only
        except OSError as exc:
            raise TransientDigitalPostError(
                "storage", f"Could not write the letter: {exc}"
            ) from exc
        return receipt

    def letters(self, limit: int = 50) -> list[dict[str, object]]:
        """The newest letters written, for the CLI (bounded)."""
        if not self.root.exists():
            return []
        files = sorted(
            self.root.glob("*/letter.json"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        return [json.loads(p.read_text(encoding="utf-8")) for p in files[:limit]]


def digital_post_sender() -> DigitalPostSender:
    """The configured sender: ``RODLOEBER_DIGITAL_POST_BACKEND`` (a dotted path to
    a class taking no arguments), else the folder fake."""
    dotted = str(getattr(settings, "RODLOEBER_DIGITAL_POST_BACKEND", "") or "")
    if dotted:
        sender: DigitalPostSender = import_string(dotted)()
        return sender
    return fake_sender()


def fake_sender() -> FolderDigitalPost:
    root = getattr(settings, "RODLOEBER_DIGITAL_POST_DIR", "") or (
        Path(settings.VAR_DIR) / "digital-post"
    )
    exempt = frozenset(
        str(n).strip() for n in getattr(settings, "RODLOEBER_DIGITAL_POST_EXEMPT", ()) if n
    )
    return FolderDigitalPost(Path(root), exempt)


def is_fake() -> bool:
    """True while no real provider is configured (the UI says so)."""
    return not getattr(settings, "RODLOEBER_DIGITAL_POST_BACKEND", "")
