"""Outbox worker: delivery once, retries with backoff, digest."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.cases.models import Notice, Outbox
from rodloeber.cases.outbox import MAX_ATTEMPTS, backoff, deliver_one, digest, work
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


def test_each_notice_is_delivered_once(applicant: User, manager: User, mailoutbox: Any) -> None:
    f.submit(applicant)
    queued = Outbox.objects.count()
    assert queued == 4  # applicant + contact person, e-mail + in-app
    assert work().sent == queued
    assert work().sent == 0
    assert Notice.objects.count() == 2 and len(mailoutbox) == 2
    assert mailoutbox[0].extra_headers["Message-ID"].startswith("<case.submit.")


def test_failures_retry_with_backoff_then_give_up(
    applicant: User, manager: User, settings: Any
) -> None:
    settings.RODLOEBER_EMAIL_BACKEND = "tests.cases.failing_backend.Backend"
    f.submit(applicant)
    now = timezone.now()
    result = work(now=now)
    assert result.failed == 2 and result.sent == 2  # in-app notices still go out
    row = Outbox.objects.filter(channel="email").first()
    assert row is not None and row.attempts == 1 and "SMTP down" in row.last_error
    assert row.next_attempt_at == now + backoff(1)
    assert deliver_one(now) is None  # not due yet
    later = now
    for _ in range(MAX_ATTEMPTS):
        later += timedelta(hours=7)
        work(now=later)
    row.refresh_from_db()
    assert row.status == "dead" and row.attempts == MAX_ATTEMPTS


def test_digest_is_queued_once_per_day(applicant: User, manager: User, esbjerg: User) -> None:
    case = f.in_progress(applicant, manager)
    Outbox.objects.all().delete()
    day = case.clock_start
    assert day is not None
    n = digest(today=day, days=60)
    assert n >= 2
    assert digest(today=day, days=60) == 0
    assert Outbox.objects.filter(event="digest", recipient=esbjerg).exists()
    call_command("outbox", "work", "--once")
    assert not Outbox.objects.filter(status="pending").exists()


def _digital_post(applicant: User, settings: Any, tmp_path: Any) -> None:
    from rodloeber.cases.services.notifications import notification_preferences_set

    settings.RODLOEBER_DIGITAL_POST_DIR = str(tmp_path / "dp")
    notification_preferences_set(actor=applicant, email=True, digest=True, digital_post=True)


def test_company_chooses_digital_post_and_the_worker_delivers_a_letter(
    applicant: User, manager: User, settings: Any, tmp_path: Any, mailoutbox: Any
) -> None:
    import json

    _digital_post(applicant, settings, tmp_path)
    case = f.submit(applicant)
    rows = {(r.recipient_id, r.channel): r for r in Outbox.objects.all()}
    assert (applicant.pk, "digital_post") in rows and (applicant.pk, "email") not in rows
    assert (manager.pk, "email") in rows  # authorities keep e-mail
    letter_row = rows[(applicant.pk, "digital_post")]
    assert letter_row.key.endswith(f":cvr{applicant.organisation.cvr}:digital_post")  # type: ignore[union-attr]
    assert work().sent == 4
    letter_row.refresh_from_db()
    assert letter_row.status == "sent" and letter_row.receipt.startswith("fake-")
    record = json.loads((tmp_path / "dp" / letter_row.receipt / "letter.json").read_text("utf-8"))
    assert case.reference in record["subject"] or case.reference in record["body"]
    assert [m.to for m in mailoutbox] == [[manager.email]]


def test_permanent_digital_post_errors_are_not_retried_transient_ones_are(
    applicant: User, manager: User, settings: Any, tmp_path: Any
) -> None:
    _digital_post(applicant, settings, tmp_path)
    settings.RODLOEBER_DIGITAL_POST_EXEMPT = [applicant.organisation.cvr]  # type: ignore[union-attr]
    f.submit(applicant)
    now = timezone.now()
    work(now=now)
    row = Outbox.objects.get(channel="digital_post")
    assert row.status == "dead" and row.attempts == 1 and "exempt" in row.last_error

    settings.RODLOEBER_DIGITAL_POST_EXEMPT = []
    (tmp_path / "blocked").write_text("a file, not a folder")
    settings.RODLOEBER_DIGITAL_POST_DIR = str(tmp_path / "blocked")
    Outbox.objects.filter(pk=row.pk).update(status="pending", attempts=0, next_attempt_at=now)
    assert deliver_one(now) == "failed"
    row.refresh_from_db()
    assert row.status == "pending" and row.next_attempt_at == now + backoff(1)
    settings.RODLOEBER_DIGITAL_POST_DIR = str(tmp_path / "dp")
    assert deliver_one(now + backoff(1)) == "sent"
