"""Yearly report, evaluation export and budget: ministry analysts (and
administrators read-only); everyone else gets 404."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from rodloeber.accounts.roles import Role
from rodloeber.audit.models import AuditEvent
from rodloeber.reports import evaluation
from rodloeber.reports.models import BudgetLine, BudgetSpend
from rodloeber.reports.services import BudgetError, budget_spend_record
from tests.conftest import PASSWORD
from tests.reports.conftest import SECRET_COMPANIES

pytestmark = pytest.mark.django_db

INTERNAL = [
    "/statistik/aarsrapport?aar=2025",
    "/statistik/evaluering.csv?niveau=sager",
    "/statistik/evaluering.csv?niveau=tilladelser",
    "/statistik/evaluering.xlsx",
    "/statistik/budget",
]


def _client(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    "role", [None, Role.COMPANY_USER, Role.CASE_MANAGER, Role.AUTHORITY_CASEWORKER]
)
def test_others_get_404(role: str | None, make_user: Any) -> None:
    client = Client() if role is None else _client(make_user(role))
    for url in [*INTERNAL, "/statistik/budget/forbrug"]:
        assert client.get(url).status_code == 404, url


def test_analyst_and_admin_read(analyst: Any, administrator: Any, fixed_cases: Any) -> None:
    for user in (analyst, administrator):
        client = _client(user)
        for url in INTERNAL:
            assert client.get(url).status_code == 200, url
    assert _client(administrator).get("/statistik/budget/forbrug").status_code == 404
    assert _client(analyst).get("/statistik/budget/forbrug").status_code == 200


def test_yearly_report(analyst: Any, fixed_cases: Any) -> None:
    html = _client(analyst).get("/statistik/aarsrapport?aar=2025").content.decode()
    # 2025: submitted C1..C7 = 7, clock started C1..C5 = 5, decided C1, C3, C4 = 3.
    assert re.search(r"Applications submitted|Indsendte ansøgninger", html)
    assert ">7<" in html and ">5<" in html and ">3<" in html
    assert "Etablering af industriparker" in html  # budget section
    assert _client(analyst).get("/statistik/aarsrapport?aar=abc").status_code == 404


def test_evaluation_dataset_columns_documented(analyst: Any, fixed_cases: Any) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "evaluation-dataset.md").read_text()
    for col in (*evaluation.CASE_COLUMNS, *evaluation.PERMIT_COLUMNS):
        assert f"`{col}`" in doc, col
    client = _client(analyst)
    cases_csv = client.get("/statistik/evaluering.csv?niveau=sager").content.decode("utf-8-sig")
    lines = cases_csv.strip().splitlines()
    assert lines[0].split(";") == list(evaluation.CASE_COLUMNS)
    assert len(lines) == 1 + 7  # drafts are not in the dataset
    c2 = next(x for x in lines if x.startswith("ENI-TEST-C2;"))
    row = dict(zip(evaluation.CASE_COLUMNS, c2.split(";"), strict=True))
    assert row["days_to_decision"] == "393"
    # the file name promises the type: no CSV behind another extension
    assert client.get("/statistik/evaluering.pdf?niveau=sager").status_code == 404
    r = client.get("/statistik/evaluering.csv?niveau=sager")
    assert r["Content-Type"].startswith("text/csv") and ".csv" in r["Content-Disposition"]
    assert row["decided_within_cap"] == "False"
    assert (row["pauses"], row["extensions_approved"]) == ("1", "1")
    assert all(name not in cases_csv for name, _ in SECRET_COMPANIES)
    permits_csv = client.get("/statistik/evaluering.csv?niveau=tilladelser").content.decode(
        "utf-8-sig"
    )
    assert len(permits_csv.strip().splitlines()) == 1 + 6
    wb = load_workbook(io.BytesIO(client.get("/statistik/evaluering.xlsx").content))
    assert wb.sheetnames == ["sager", "tilladelser"]


def test_budget_seeded_from_the_agreement() -> None:
    from rodloeber.reports.variance import totals, variance_rows

    rows = variance_rows()
    by_code = {r.line.code: r for r in rows}
    assert [str(by_code["oss"].cells[y].allocated) for y in (2024, 2025, 2026, 2027)] == [
        "3.700",
        "21.000",
        "21.600",
        "21.600",
    ]
    assert by_code["parks"].cells[2025].allocated == Decimal("9.7")
    assert by_code["parks.dialogue.ens"].cells[2026].allocated == Decimal("0.4")
    assert by_code["parks.reservation.plst_turnkey"].cells[2024].allocated == Decimal("0.9")
    total = totals(rows)
    assert [total[y].allocated for y in (2024, 2025, 2026, 2027)] == [
        Decimal("11.9"),
        Decimal("30.7"),
        Decimal("29.9"),
        Decimal("29.9"),
    ]
    assert BudgetLine.objects.filter(level=2).count() == 9


def test_budget_seed_is_idempotent() -> None:
    from rodloeber.reports.services import budget_seed

    assert budget_seed(actor=None) == 0
    assert BudgetLine.objects.count() == 16


def test_spending_entry_and_variance(analyst: Any, administrator: Any) -> None:
    line = BudgetLine.objects.get(code="parks.dialogue.erst")
    before = AuditEvent.objects.count()
    budget_spend_record(actor=analyst, line=line, year=2025, amount_mdkk="1,25", note="Q4")
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-seq").first().action == "budget.spend_record"  # type: ignore[union-attr]
    budget_spend_record(actor=analyst, line=line, year=2025, amount_mdkk="1.5")
    from rodloeber.reports.variance import variance_rows

    rows = {r.line.code: r for r in variance_rows()}
    cell = rows["parks.dialogue.erst"].cells[2025]
    assert (cell.actual, cell.variance) == (Decimal("1.500"), Decimal("-0.100"))
    assert rows["parks.dialogue"].cells[2025].actual == Decimal("1.500")  # sum of entered
    assert rows["parks"].cells[2024].actual is None
    assert BudgetSpend.objects.count() == 2  # history kept

    for kwargs, code in (
        ({"amount_mdkk": "-1"}, "invalid_amount"),
        ({"amount_mdkk": "abc"}, "invalid_amount"),
        ({"amount_mdkk": "1.0001"}, "too_many_decimals"),
        ({"year": 2030}, "year_outside_budget"),
        ({"line": BudgetLine.objects.get(code="parks")}, "not_a_sub_line"),
        ({"actor": administrator}, "forbidden"),
    ):
        args: dict[str, Any] = {
            "actor": analyst,
            "line": line,
            "year": 2025,
            "amount_mdkk": "1",
        } | kwargs
        with pytest.raises(BudgetError) as exc:
            budget_spend_record(**args)
        assert exc.value.code == code
        assert exc.value.message_da and exc.value.message_en
    assert AuditEvent.objects.count() == before + 2


def test_spending_form(analyst: Any) -> None:
    client = _client(analyst)
    bad = client.post(
        "/statistik/budget/forbrug",
        {"line": "oss.digital.erst", "year": "2025", "amount_mdkk": "x"},
    )
    assert bad.status_code == 422
    ok = client.post(
        "/statistik/budget/forbrug",
        {"line": "oss.digital.erst", "year": "2025", "amount_mdkk": "5,9"},
    )
    assert ok.status_code == 302
    html = client.get("/statistik/budget").content.decode()
    assert "5,9" in html and "-0,1" in html


def test_budget_command() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("budget", "seed", stdout=out)
    assert "0 row(s)" in out.getvalue()
    call_command("budget", "show", stdout=out)
    assert "I alt" in out.getvalue() and "30.7" in out.getvalue()
