"""The public pages and downloads, and that nothing confidential leaves them."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from rodloeber.reports.statistics import public_figures
from tests.reports.conftest import (
    PUBLIC_TITLE,
    SECRET_COMPANIES,
    SECRET_PERSON,
    SECRET_TITLE,
)

pytestmark = pytest.mark.django_db


def test_statistics_page_is_public_with_charts_and_tables(fixed_cases: Any) -> None:
    response = Client().get("/statistik")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') >= 7  # one SVG chart per figure
    assert '<title id="chart-cases-by-category-title">' in html
    assert "<desc id=" in html
    assert html.count("<table") >= 8  # a data table under each chart
    assert "/statistik/data/cases-by-category.csv" in html
    assert "–" in html  # suppressed cells


def test_statistics_page_in_english(fixed_cases: Any) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get("/statistik").content.decode()
    assert "Cases by eligibility criterion" in html
    assert "Median (days)" in html
    danish = Client().get("/statistik").content.decode()
    assert "Sager efter kriterium" in danish
    assert "0,75" not in danish or "75,0 %" in danish


def test_csv_and_xlsx_downloads(fixed_cases: Any) -> None:
    client = Client()
    csv = client.get("/statistik/data/time-by-permit-type.csv")
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "VVM-screening;4;70" in text
    assert client.get("/statistik/data/nope.csv").status_code == 404
    xlsx = client.get("/statistik/data/alle.xlsx")
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert "cases-by-category" in wb.sheetnames


def test_schedule_list_and_detail_show_only_published(fixed_cases: Any) -> None:
    client = Client()
    html = client.get("/statistik/tidsplaner").content.decode()
    assert PUBLIC_TITLE in html
    assert SECRET_TITLE not in html
    c1 = fixed_cases["C1"]
    detail = client.get(f"/statistik/tidsplaner/{c1.public_id}")
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "Venter på ansøgers supplerende oplysninger" in body  # controlled reason
    assert SECRET_PERSON[1] not in body  # the pause note is not published
    c2 = fixed_cases["C2"]
    assert client.get(f"/statistik/tidsplaner/{c2.public_id}").status_code == 404


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)] + [str(k) for k in value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def test_no_confidential_data_in_any_public_output(fixed_cases: Any) -> None:
    """Walk every public JSON/CSV/XLSX/HTML output: no company name, CVR, person
    name or e-mail, and no title of a case whose company did not consent."""
    client = Client()
    secrets = [n for n, _ in SECRET_COMPANIES] + [cvr for _, cvr in SECRET_COMPANIES]
    secrets += [SECRET_PERSON[0] + " " + SECRET_PERSON[1], SECRET_PERSON[1], SECRET_PERSON[2]]
    secrets += [SECRET_TITLE]
    secrets += [c.reference for ref, c in fixed_cases.items() if ref != "C1"]
    outputs: list[str] = []
    api = client.get("/api/v1/statistics")
    assert api.status_code == 200
    outputs += _strings(api.json())
    outputs.append(json.dumps(api.json(), ensure_ascii=False))
    for fig in public_figures():
        outputs.append(client.get(f"/statistik/data/{fig.key}.csv").content.decode("utf-8-sig"))
        wb = load_workbook(io.BytesIO(client.get(f"/statistik/data/{fig.key}.xlsx").content))
        for ws in wb.worksheets:
            outputs += [str(c) for row in ws.iter_rows(values_only=True) for c in row]
    wb = load_workbook(io.BytesIO(client.get("/statistik/data/alle.xlsx").content))
    outputs += [
        str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
    ]
    for url in (
        "/statistik",
        "/statistik/tidsplaner",
        f"/statistik/tidsplaner/{fixed_cases['C1'].public_id}",
        f"/api/v1/schedules/{fixed_cases['C1'].public_id}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        outputs.append(response.content.decode())
    blob = "\n".join(outputs)
    for secret in secrets:
        assert secret not in blob, secret


def test_published_schedule_of_a_real_case_has_gantt_and_table(db: Any) -> None:
    from rodloeber.accounts.roles import Role
    from rodloeber.cases.services.completeness import case_publish_schedule
    from tests.cases import factories as f

    company = f.company()
    applicant = f.user(Role.COMPANY_USER, company)
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"))
    case = f.in_progress(applicant, manager)
    client = Client()
    assert client.get(f"/statistik/tidsplaner/{case.public_id}").status_code == 404
    case_publish_schedule(actor=manager, case=case)
    body = client.get(f"/statistik/tidsplaner/{case.public_id}").content.decode()
    assert "<svg" in body and 'id="plan-caption"' in body
    assert company.name not in body and (company.cvr or "x") not in body
    assert applicant.email not in body
    assert "rodloeber/gantt.css" in body and "<style" not in body
    svg = client.get(f"/statistik/tidsplaner/{case.public_id}?format=svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    text = svg.content.decode()
    assert "<style><![CDATA[" in text and company.name not in text
