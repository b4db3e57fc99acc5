"""The long-lived outbox worker: backoff after failures, one digest per day."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from rodloeber.accounts.models import User
from rodloeber.cases import worker
from rodloeber.cases.models import Outbox
from tests.cases import factories as f

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def test_failures_back_off_and_recover(monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = iter([RuntimeError("db down"), RuntimeError("db down"), None, None])

    def fake_pass(state: Any, now: Any) -> None:
        err = next(outcomes)
        if err is not None:
            raise err

    monkeypatch.setattr(worker, "one_pass", fake_pass)
    slept: list[float] = []
    state = worker.run(
        forever=True,
        interval=5,
        max_backoff=15,
        sleep=slept.append,
        stop=lambda: len(slept) >= 4,
    )
    assert slept == [10, 15, 5, 5]  # 5·2, capped at 15, back to normal after a good pass
    assert state.passes == 4 and state.failures_in_a_row == 0


def test_a_single_pass_reports_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "one_pass", lambda s, n: (_ for _ in ()).throw(OSError("x")))
    with pytest.raises(OSError):
        worker.run(forever=False)


def test_digest_once_per_day_from_the_digest_hour(
    applicant: User, manager: User, esbjerg: User, settings: Any
) -> None:
    settings.RODLOEBER_DIGEST_HOUR = 7
    f.in_progress(applicant, manager, on=f.days(-400))
    Outbox.objects.all().delete()
    day = datetime.combine(f.days(0), datetime.min.time(), tzinfo=CPH)
    times = iter([day + timedelta(hours=6), day + timedelta(hours=8), day + timedelta(hours=9)])
    slept: list[float] = []
    worker.run(
        forever=True, sleep=slept.append, stop=lambda: len(slept) >= 3, clock=lambda: next(times)
    )
    digests = Outbox.objects.filter(event="digest")
    assert digests.exists()  # queued at 8:00, not at 6:00
    assert digests.filter(recipient=esbjerg).count() == 2  # e-mail + in-app, once


def test_preferences_stop_emails_and_the_digest_but_keep_in_app_notices(
    applicant: User, manager: User, esbjerg: User
) -> None:
    from django.test import Client

    from rodloeber.audit.models import AuditEvent

    c = Client()
    c.force_login(applicant)
    assert 'id="pref-email"' in c.get("/min-side").content.decode()
    r = c.post("/min-side/notifikationer", {"digest": "1"})  # e-mail unticked
    assert r.status_code == 302
    assert AuditEvent.objects.filter(action="notify.preferences").count() == 1
    Outbox.objects.all().delete()
    f.submit(applicant)
    mine = Outbox.objects.filter(recipient=applicant)
    assert set(mine.values_list("channel", flat=True)) == {"in_app"}
    assert Outbox.objects.filter(recipient=manager, channel="email").exists()

    c.force_login(esbjerg)
    c.post("/min-side/notifikationer", {"email": "1"})  # digest unticked
    from rodloeber.cases.outbox import digest

    f.in_progress(applicant, manager, on=f.days(-400))
    Outbox.objects.all().delete()
    assert digest(today=f.days(0)) > 0
    assert not Outbox.objects.filter(event="digest", recipient=esbjerg).exists()
    assert Outbox.objects.filter(event="digest", recipient=manager).exists()
