"""Failure after the write, before the commit: nothing may remain (issue #10).

For every scenario of the audit walk, ``record_event`` — the last step of
each service, after its model writes and file saves — is made to raise. The
service must fail and leave no row, no audit event and no file; then the
scenario runs for real so the walk moves on. Runs on SQLite and, with
``DATABASE_URL`` pointing at PostgreSQL, on PostgreSQL (also with real
transactions, ``test_rollback_with_real_transactions``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, models

from rodloeber.audit import services as audit_services
from rodloeber.audit.services import verify_chain
from tests.audit.test_audit_walk import SCENARIOS, walk  # noqa: F401  (fixture)
from tests.security.state import changes, snapshot


class Injected(RuntimeError):
    pass


@contextmanager
def failing_record_event() -> Iterator[None]:
    """Replace ``record_event`` everywhere it was imported with one that raises."""
    original = audit_services.record_event

    def boom(**kwargs: Any) -> Any:
        raise Injected(f"injected failure before commit ({kwargs.get('action')})")

    def swap(old: Any, new: Any) -> None:
        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("rodloeber") and (
                getattr(module, "record_event", None) is old
            ):
                module.record_event = new  # type: ignore[attr-defined]

    swap(original, boom)
    try:
        yield
    finally:
        swap(boom, original)  # also modules first imported while patched


def _refresh(w: Any) -> None:
    for value in vars(w).values():
        if isinstance(value, models.Model) and value.pk is not None:
            value.refresh_from_db()


@pytest.mark.django_db
def test_every_service_rolls_back_when_the_audit_write_fails(
    walk: Any,  # noqa: F811  (the audit walk fixture)
    settings: Any,
) -> None:
    problems = []
    for s in SCENARIOS:
        if s.call is None or s.action is None:
            continue
        if s.setup is not None:
            s.setup(walk)
        before = snapshot(settings)
        with failing_record_event():
            try:
                s.call(walk)
            except Injected:
                pass
            else:
                problems.append(f"{s.service}: did not fail although record_event raised")
        left = changes(before, snapshot(settings))
        if left:
            problems.append(f"{s.service}: left behind {left}")
        _refresh(walk)
        s.call(walk)  # now for real, so the next scenario has its state
    assert not problems, "\n".join(problems)
    assert verify_chain().ok


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="real transactions on PostgreSQL"
)


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rollback_with_real_transactions(settings: Any, tmp_path: Path) -> None:
    """Same injection without the test's outer transaction: a real COMMIT/ROLLBACK."""
    from rodloeber.accounts.roles import Role
    from rodloeber.cases.services.documents import document_upload
    from tests.cases import factories as f

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_PLAN_SAMPLES = 200
    applicant = f.user(Role.COMPANY_USER, f.company(), "inject-firma")
    case = f.submit(applicant, f.facts())
    before = snapshot(settings)
    with failing_record_event(), pytest.raises(Injected):
        document_upload(actor=applicant, case=case, filename="a.pdf", content=b"%PDF-1.4 x")
    assert changes(before, snapshot(settings)) == {}
    document_upload(actor=applicant, case=case, filename="a.pdf", content=b"%PDF-1.4 x")
    assert verify_chain().ok


@pytest.mark.django_db
def test_outbox_delivery_failure_is_retried_without_loss_or_duplicate(
    settings: Any, tmp_path: Path, mailoutbox: list[Any]
) -> None:
    """Mail server down: rows stay pending, the retry delivers each exactly once."""
    from django.utils import timezone

    from rodloeber.accounts.roles import Role
    from rodloeber.cases.models import Outbox, OutboxStatus
    from rodloeber.cases.outbox import backoff, work
    from tests.cases import factories as f

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_PLAN_SAMPLES = 200
    f.user(Role.CASE_MANAGER, f.org("ERST"), "outbox-sb")
    applicant = f.user(Role.COMPANY_USER, f.company(), "outbox-firma")
    f.submit(applicant, f.facts())
    emails = Outbox.objects.filter(channel="email")
    assert emails.count() == 2
    settings.RODLOEBER_EMAIL_BACKEND = "tests.cases.failing_backend.Backend"
    now = timezone.now()
    assert work(now=now).failed == 2
    assert set(emails.values_list("status", flat=True)) == {OutboxStatus.PENDING}
    assert work(now=now).sent == 0  # not due before the back-off
    settings.RODLOEBER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = now + backoff(1)
    assert work(now=later).sent == 2
    assert work(now=later + backoff(2)).sent == 0  # nothing sent twice
    assert set(emails.values_list("status", flat=True)) == {OutboxStatus.SENT}
    ids = [m.extra_headers["Message-ID"] for m in mailoutbox]
    assert len(ids) == 2 and len(set(ids)) == 2
