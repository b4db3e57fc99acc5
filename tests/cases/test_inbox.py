"""The task inbox (rodloeber.cases.inbox) per role, live from case data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rodloeber.accounts.models import User
from rodloeber.accounts.roles import Role
from rodloeber.cases.inbox import tasks_for
from rodloeber.cases.models import Document
from rodloeber.cases.services.callin import callin_request
from rodloeber.cases.services.completeness import ACKNOWLEDGE_WITHIN_DAYS, case_request_information
from rodloeber.cases.services.documents import document_upload, message_mark_read, message_post
from rodloeber.domain.planning.dates import format_date
from rodloeber.domain.tasks import TaskKind
from tests.cases import factories as f

pytestmark = pytest.mark.django_db

TODAY = date.today()


def kinds(user: User) -> list[TaskKind]:
    return [t.kind for t in tasks_for(user, TODAY)]


def test_completeness_check_with_its_statutory_deadline(applicant: User, manager: User) -> None:
    case = f.submit(applicant)
    [task] = [t for t in tasks_for(manager, TODAY) if t.kind == TaskKind.COMPLETENESS_CHECK]
    assert task.case_reference == case.reference
    assert case.submitted_at is not None
    assert task.due == timezone.localdate(case.submitted_at) + timedelta(
        days=ACKNOWLEDGE_WITHIN_DAYS
    )
    assert "9" in task.due_source and task.url.endswith("#manager-actions")
    assert TaskKind.COMPLETENESS_CHECK not in kinds(applicant)

    case_request_information(actor=manager, case=case, text="Send the site plan.")
    assert TaskKind.COMPLETENESS_CHECK not in kinds(manager)
    [asked] = tasks_for(applicant, TODAY)
    assert asked.kind == TaskKind.ANSWER_INFORMATION_REQUEST
    case.refresh_from_db()
    assert asked.due == case.info_due_on


def test_authorities_see_only_their_own_overdue_milestones(
    applicant: User, manager: User, esbjerg: User, mst: User
) -> None:
    case = f.in_progress(applicant, manager, on=TODAY - timedelta(days=400))
    mine = [t for t in tasks_for(esbjerg, TODAY) if t.kind == TaskKind.OVERDUE_MILESTONE]
    theirs = [t for t in tasks_for(mst, TODAY) if t.kind == TaskKind.OVERDUE_MILESTONE]
    assert mine and theirs
    assert all(t.due is not None and t.due < TODAY for t in mine + theirs)
    assert all(t.case_reference == case.reference for t in mine)
    esbjerg_ids = {
        m.pk
        for m in f.milestone_of(case, "local_plan").permit.milestones.all()  # owned by 0561
    }
    assert any(t.url.endswith(f"#milestone-{i}") for t in mine for i in esbjerg_ids)
    mst_urls = {t.url for t in theirs}
    assert not mst_urls & {t.url for t in mine}
    # the company is not asked to update the authorities' milestones
    assert TaskKind.OVERDUE_MILESTONE not in kinds(applicant)
    # sorted: the most overdue first
    dues = [t.due for t in mine]
    assert dues == sorted(dues)


def test_call_in_request_reaches_the_state_authority(
    applicant: User, manager: User, esbjerg: User, mst: User
) -> None:
    case = f.in_progress(applicant, manager)
    permit = f.permit_of(case, "local_plan")
    callin_request(actor=esbjerg, permit=permit, to_authority_code="MST", reason="Complex case.")
    [task] = [t for t in tasks_for(mst, TODAY) if t.kind == TaskKind.CALL_IN_REQUEST]
    assert task.case_reference == case.reference and task.due is not None
    assert TaskKind.CALL_IN_REQUEST not in kinds(esbjerg)


def test_unread_messages_and_new_documents_until_read(
    applicant: User, manager: User, client: Client
) -> None:
    case = f.submit(applicant)
    msg = message_post(actor=manager, case=case, subject="Site plan", body="Please upload it.")
    assert TaskKind.UNREAD_MESSAGE in kinds(applicant)
    assert TaskKind.UNREAD_MESSAGE not in kinds(manager)  # own message
    message_mark_read(actor=applicant, message=msg)
    assert TaskKind.UNREAD_MESSAGE not in kinds(applicant)

    document_upload(actor=applicant, case=case, filename="plan.txt", content=b"site plan")
    doc = Document.objects.get(case=case)
    [task] = [t for t in tasks_for(manager, TODAY) if t.kind == TaskKind.DOCUMENT_TO_REVIEW]
    assert task.subject == "plan.txt"
    assert TaskKind.DOCUMENT_TO_REVIEW not in kinds(applicant)  # own upload
    client.force_login(manager)
    assert client.get(task.url).status_code == 200  # the download is the review
    assert task.url.endswith(f"/{doc.pk}")
    assert TaskKind.DOCUMENT_TO_REVIEW not in kinds(manager)


def test_no_tasks_from_cases_a_user_cannot_see(applicant: User, manager: User) -> None:
    f.submit(applicant)
    other = f.user(Role.COMPANY_USER, f.company("90000101", "Anden fabrik ApS (test)"))
    planner = f.user(Role.MUNICIPAL_PLANNER, f.org("0561"))
    assert tasks_for(other, TODAY) == []
    assert tasks_for(planner, TODAY) == []


def test_start_page_lists_tasks_and_header_counts_them(
    applicant: User, manager: User, client: Client
) -> None:
    case = f.submit(applicant)
    client.force_login(manager)
    page = client.get("/min-side", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert 'data-kind="completeness_check"' in page
    assert case.reference in page
    n = len(tasks_for(manager, TODAY))
    assert f"{n} opgave" in page  # header and intro count
    due = timezone.localdate(case.submitted_at) + timedelta(days=ACKNOWLEDGE_WITHIN_DAYS)  # type: ignore[union-attr]
    assert format_date(due, "da") in page  # "19. jan. 2027", the page's date format
    client.force_login(applicant)
    page = client.get("/sager", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert 'data-testid="inbox-count"' in page


def test_header_count_is_reused_for_a_minute_and_refreshed_by_the_start_page(
    applicant: User, manager: User, client: Client
) -> None:
    from django.core.cache import cache

    from rodloeber.web.inbox import _cache_key

    client.force_login(manager)
    client.get("/sager")
    assert cache.get(_cache_key(manager)) == 0
    f.submit(applicant)  # a new completeness check
    assert 'data-testid="inbox-count">0 opgaver' in client.get("/sager").content.decode()
    client.get("/min-side")  # the start page is live and refreshes the count
    assert cache.get(_cache_key(manager)) == 1
    assert 'data-testid="inbox-count">1 opgave<' in client.get("/sager").content.decode()


def test_plan_alert_uses_the_alert_threshold_and_names_the_suggested_measure(
    applicant: User, manager: User, settings: object
) -> None:
    from rodloeber.cases.models import PlanSnapshot
    from rodloeber.cases.plan_alerts import plan_alert_for_case

    case = f.in_progress(applicant, manager)
    case.p_within_cap = 0.42  # as if the authorities had reported delays
    case.save(update_fields=["p_within_cap"])
    snap = case.plans.get(kind=PlanSnapshot.CURRENT)
    snap.data["p_within_cap"] = 0.42
    snap.save()

    settings.RODLOEBER_PLAN_ALERT_THRESHOLD = 0.9  # type: ignore[attr-defined]
    [task] = [t for t in tasks_for(manager, TODAY) if t.kind == TaskKind.PLAN_ALERT]
    assert task.case_reference == case.reference and task.url.endswith("#plan-heading")
    assert task.subject.startswith("42 %")
    alert = plan_alert_for_case(case)
    assert alert is not None
    for label in alert.suggestion_labels("da"):
        assert label in task.subject
    assert TaskKind.PLAN_ALERT not in kinds(applicant)

    settings.RODLOEBER_PLAN_ALERT_THRESHOLD = 0.4  # type: ignore[attr-defined]
    assert TaskKind.PLAN_ALERT not in kinds(manager)
