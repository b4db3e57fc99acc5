"""Administrator inbox: expiring and expired invitations, users who do not fit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from rodloeber.accounts.administration_service import invitation_create
from rodloeber.accounts.models import Invitation, User
from rodloeber.accounts.roles import Role
from rodloeber.accounts.tasks import administration_tasks
from rodloeber.domain.tasks import TaskKind
from tests.cases import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):  # subjects are asserted in English
        yield


TODAY = date.today()


@pytest.fixture
def admin(db: Any) -> User:
    return f.user(Role.ADMINISTRATOR, f.org("ERST"), "adm")


def _invite(admin: User, email: str = "ny@esbjerg.example") -> Invitation:
    invitation, _link = invitation_create(
        actor=admin,
        organisation=f.org("0561"),
        role=Role.AUTHORITY_CASEWORKER,
        email=email,
        base_url="http://testserver",
    )
    return invitation


def test_invitation_expiring_then_expired_then_invited_again(admin: User) -> None:
    inv = _invite(admin)
    assert administration_tasks(admin, TODAY) == []  # 7 days left: not yet a task
    expires = timezone.localtime(inv.expires_at).date()
    [task] = administration_tasks(admin, expires - timedelta(days=1))
    assert task.kind == TaskKind.INVITATION_EXPIRING and task.due == expires
    assert task.case_title == "ny@esbjerg.example" and task.case_reference == "Esbjerg Kommune"
    assert task.url.endswith(
        f"/administration/organisationer/{inv.organisation_id}#invitations-heading"
    )

    Invitation.objects.filter(pk=inv.pk).update(expires_at=timezone.now() - timedelta(days=1))
    [expired] = administration_tasks(admin, TODAY)
    assert expired.kind == TaskKind.INVITATION_EXPIRED and expired.due is not None
    assert expired.due < TODAY and expired.url.endswith("#invite-heading")

    _invite(admin)  # invited again: the expired one is done
    assert administration_tasks(admin, TODAY) == []


def test_users_without_organisation_or_a_fitting_role(admin: User) -> None:
    # `createsuperuser` makes a user with neither role nor organisation.
    loose = User.objects.create_superuser("root", "root@example.invalid", "x" * 20)
    misfit = f.user(Role.MUNICIPAL_PLANNER, f.org("0561"), "plan")
    User.objects.filter(pk=misfit.pk).update(organisation=f.org("MST"))  # moved to a state body
    fine = f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"), "cw")
    tasks = administration_tasks(admin, TODAY)
    assert {t.kind for t in tasks} == {TaskKind.USER_WITHOUT_ORGANISATION}
    subjects = {t.case_title: t.subject for t in tasks}
    assert subjects[loose.username] == "No organisation"
    assert subjects[misfit.get_full_name()] == "The role does not fit the organisation type"
    assert fine.get_full_name() not in subjects and fine.username not in subjects
    loose.is_active = False
    loose.save(update_fields=["is_active"])
    assert loose.username not in {t.case_title for t in administration_tasks(admin, TODAY)}


def test_only_administrators_get_these_tasks(admin: User) -> None:
    _invite(admin)
    caseworker = f.user(Role.AUTHORITY_CASEWORKER, f.org("0561"), "cw2")
    assert administration_tasks(caseworker, TODAY + timedelta(days=6)) == []
