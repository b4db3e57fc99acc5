"""Open legal questions (/tjek/regler/aabne-spoergsmaal): the list, the CSV and who may read it."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from rodloeber.accounts.roles import Role
from rodloeber.domain.catalogue import load_catalogue
from rodloeber.domain.coordination import load_coordination
from rodloeber.domain.open_questions import open_questions, rule_marks
from tests.cases import factories as f

pytestmark = pytest.mark.django_db
URL = "/tjek/regler/aabne-spoergsmaal"


def _marks() -> tuple[int, int]:
    """(rule marks, planning estimates and details), counted straight from the YAML.

    Rule marks: every ``verified: false`` and every IED listing without
    ``state_verified: true`` (its (s) mark), except the coordinated procedures and
    measures of coordination.yaml, which are planning estimates. Estimates:
    those two plus every permit type without ``details_verified: true``.
    """
    import yaml

    from rodloeber.domain.catalogue import default_catalogue_dir

    def count(node: Any, key: str) -> int:
        if isinstance(node, dict):
            own = 1 if node.get(key) is False else 0
            return own + sum(count(v, key) for v in node.values())
        if isinstance(node, list):
            return sum(count(v, key) for v in node)
        return 0

    rules = estimates = 0
    for path in default_catalogue_dir().glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "coordination.yaml":
            planning = count(data.get("procedures"), "verified") + count(
                data.get("measures"), "verified"
            )
            rules += count(data, "verified") - planning
            estimates += planning
            continue
        rules += count(data, "verified")
        if path.name == "ied_listings.yaml":  # state_verified defaults to false
            rules += sum(1 for x in data["listings"] if not x.get("state_verified"))
        if path.name == "permit_types.yaml":
            estimates += sum(1 for p in data["permit_types"] if not p.get("details_verified"))
    return rules, estimates


def test_every_unverified_mark_is_listed_and_none_decides_alone() -> None:
    questions = open_questions(load_catalogue(), load_coordination())
    rules, estimates = _marks()
    assert len(rule_marks(questions)) == rules
    assert len(questions) == rules + estimates
    assert rules <= 40  # issue #15 item 11
    assert not any(q.decides_cap_or_eligibility for q in questions)
    codes = {q.code for q in questions}
    assert {"simple_case", "l206_simple", "l206_s2_stk2", "bilag1:4.2.a (s)"} <= codes
    assert "hydrogen_production" not in codes  # confirmed (Dir. (EU) 2023/959)
    assert "building_permit" not in codes  # rule confirmed (byggeloven § 16)
    assert "building_permit (details)" in codes
    for q in questions:
        assert q.title.da and q.title.en and q.decides.da and q.consequence.en


def _client(role: str, code: str) -> Client:
    client = Client()
    client.force_login(f.user(role, f.org(code)))
    return client


def test_case_manager_reads_the_page_and_the_csv() -> None:
    client = _client(Role.CASE_MANAGER, "ERST")
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Åbne juridiske spørgsmål" in html and "L 206 hurtigspor, enkel sag" in html
    rules, estimates = _marks()
    assert f"{rules} regler i regelkatalog" in html
    assert "Ingen af dem afgør alene" in html and "Planlægningsskøn og detaljer" in html
    assert "Undtagelse i L 206 § 2, stk. 2" in html
    response = client.get(URL + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == rules + estimates
    assert sum(1 for r in rows if r["kind"] == "rule") == rules
    assert {r["code"] for r in rows} >= {"simple_case", "l206_simple"}
    english = client.get(URL + "?format=csv", headers={"Accept-Language": "en"})
    assert english.status_code == 200


@pytest.mark.parametrize(("role", "code"), [(Role.AUTHORITY_CASEWORKER, "0561")])
def test_other_roles_are_refused(role: str, code: str) -> None:
    assert _client(role, code).get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in() -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and "log-ind" in response["Location"]


def test_estimated_durations_have_their_own_section() -> None:
    """Planning estimates of durations are listed apart from the legal questions."""
    client = _client(Role.CASE_MANAGER, "ERST")
    body = client.get(URL).content.decode()
    assert 'data-testid="estimated-durations"' in body
    section = body.split('data-testid="estimated-durations"', 1)[1]
    assert 'data-code="local_plan"' in section
    assert 'data-code="building_permit"' not in section  # published servicemål
    assert "Lokalplan: 120–300 dage, typisk 180" in section


def test_english_page_titles_clock_exclusions_in_english() -> None:
    """Clock exclusions and navigator rules are titled by their legal basis in
    English on the English page (one home: legal_basis_en); Danish unchanged."""
    client = _client(Role.CASE_MANAGER, "ERST")
    danish_html = client.get(URL).content.decode()
    assert "punkt 4: VVM nævnt som undtagelse fra fristerne" in danish_html
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    english = client.get(URL).content.decode()
    assert "point 4: EIA named as an exception to the time limits" in english
    assert "the applicant&#x27;s time" in english or "Art. 9(4)" in english
    for danish in (
        "VVM nævnt som undtagelse",
        "klagefrister efter",
        "art. 9, stk. 4",
        "typisk 4 uger",
    ):
        assert danish not in english, danish
    rows = csv.DictReader(io.StringIO(client.get(URL + "?format=csv").content.decode("utf-8-sig")))
    titles = {r["code"]: r["title"] for r in rows}
    assert titles["nzia_eia_report_step"] == "Regulation (EU) 2024/1735 (NZIA) Art. 9(4) [?]"
