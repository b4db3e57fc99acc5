"""Sunset reminders: due thresholds, idempotence, recipients, audit, command output."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from rodloeber.accounts.models import Organisation, User
from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.parks.lifecycle import park_adopt_local_plan
from rodloeber.parks.models import Park, SunsetReminder
from rodloeber.parks.reminders import parse_thresholds, send_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def park(planner: User, designated_park: Park) -> Park:
    planner.email = "planner@esbjerg.example"
    planner.save()
    return designated_park  # sunset 2030-10-28


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("parks", "remind", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_reminder_at_365_days_goes_to_contact_and_planners_once(park: Park) -> None:
    assert send_due(today=date(2029, 10, 27)) == []  # 366 days left: not yet
    due = send_due(today=date(2029, 11, 1))
    assert [d.threshold for d in due] == [365]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["erhverv@esbjerg.example", "planner@esbjerg.example"]
    assert "2030-10-28" in message.subject
    assert "§ 13, stk. 5" in message.body and "§ 13(5)" in message.body
    assert f"/industriparker/park/{park.pk}" in message.body
    event = AuditEvent.objects.latest("seq")
    assert event.action == "parks.sunset_reminder" and event.after["threshold_days"] == 365
    assert send_due(today=date(2029, 11, 2)) == []  # idempotent
    assert len(mail.outbox) == 1


def test_next_threshold_and_only_the_most_urgent_after_a_gap(park: Park) -> None:
    send_due(today=date(2029, 11, 1))
    due = send_due(today=date(2030, 10, 1))  # 27 days left: 180, 90 and 30 all crossed
    assert [d.threshold for d in due] == [30]
    assert send_due(today=date(2030, 10, 20)) == []
    assert sorted(SunsetReminder.objects.values_list("threshold_days", flat=True)) == [30, 365]


def test_parks_with_an_adopted_local_plan_get_no_reminder(park: Park, planner: User) -> None:
    park_adopt_local_plan(actor=planner, park=park, plan_id="1234", adopted_on=date(2026, 1, 5))
    assert send_due(today=date(2030, 10, 1)) == []
    assert mail.outbox == []


def test_other_municipalities_planners_are_not_told(
    park: Park, make_user: Callable[..., User], org: Callable[[str], Organisation]
) -> None:
    stranger = make_user(Role.MUNICIPAL_PLANNER, org("0751"))
    stranger.email = "fremmed@aarhus.example"
    stranger.save()
    send_due(today=date(2030, 10, 1))
    assert "fremmed@aarhus.example" not in mail.outbox[0].to


def test_command_dry_run_sends_and_records_nothing(park: Park) -> None:
    out = run("--today", "2030-05-01", "--dry-run")
    assert "[1/1]" in out and "threshold 180" in out and "dry run" in out
    assert "1 reminder(s) would send" in out
    assert mail.outbox == [] and not SunsetReminder.objects.exists()
    out = run("--today", "2030-05-01", "--days", "180,30")
    assert "1 reminder(s) sent, 0 failed" in out
    assert run("--today", "2030-05-01").count("sent") == 1  # summary only: nothing due


def test_failed_send_is_rolled_back_and_retried(park: Park, settings: Any) -> None:
    settings.RODLOEBER_EMAIL_BACKEND = "tests.parks.test_reminders.BrokenBackend"
    with pytest.raises(CommandError):
        run("--today", "2030-05-01")
    assert not SunsetReminder.objects.exists()
    assert not AuditEvent.objects.filter(action="parks.sunset_reminder").exists()
    settings.RODLOEBER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "1 reminder(s) sent" in run("--today", "2030-05-01")


def test_bad_thresholds_are_refused() -> None:
    assert parse_thresholds("30, 365,90") == (365, 90, 30)
    for bad in ("", "abc", "-1", "99999"):
        with pytest.raises(ValueError):
            parse_thresholds(bad)
    with pytest.raises(CommandError):
        run("--days", "x")


class BrokenBackend:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("mail server down (test)")


def test_park_page_lists_sent_reminders_to_managers_only(planner: User, park: Park) -> None:
    from django.test import Client

    send_due(today=date(2029, 11, 1))
    client = Client()
    client.force_login(planner)
    page = client.get(f"/industriparker/park/{park.pk}").content.decode()
    assert "Påmindelser om udløb sendt" in page
    assert "365 dage før udløb" in page and "til 2 modtager(e)" in page
    public = Client().get(f"/industriparker/park/{park.pk}").content.decode()
    assert "planner@esbjerg.example" not in public and "Påmindelser" not in public
