"""The CLI twins print the same JSON as the API and fail clearly on bad input."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parents[1] / "api" / "fixtures" / "electrolyser_esbjerg.json"


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("command", "path"), [("eligibility", "/api/v1/eligibility"), ("navigate", "/api/v1/navigator")]
)
def test_cli_equals_api(client: Client, command: str, path: str) -> None:
    cli = json.loads(_run(command, str(FIXTURE)))
    api = client.post(path, FIXTURE.read_text(), content_type="application/json").json()
    assert cli == api


def test_plan_cli_json_svg_ics() -> None:
    data = json.loads(_run("plan", str(FIXTURE), "--clock-start", "2026-03-02", "--samples", "500"))
    assert data["cap_deadline"] == "2027-09-02"
    svg = _run(
        "plan", str(FIXTURE), "--clock-start", "2026-03-02", "--format", "svg", "--samples", "0"
    )
    assert svg.lstrip().startswith("<svg") and "<style><![CDATA[" in svg  # standalone file
    ics = _run(
        "plan", str(FIXTURE), "--clock-start", "2026-03-02", "--format", "ics", "--samples", "0"
    )
    assert "BEGIN:VCALENDAR" in ics


def test_invalid_facts_exit_2_with_field_messages(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"kind": "rebuild", "site": {"zone": "by"}}))
    with pytest.raises(CommandError) as exc:
        _run("eligibility", str(bad), "--lang", "en")
    assert exc.value.returncode == 2
    assert "kind:" in str(exc.value) and "site.zone:" in str(exc.value)


def test_unreadable_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        _run("navigate", str(tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(CommandError, match="not valid JSON"):
        _run("navigate", str(broken))


@pytest.mark.parametrize(("extension", "regime"), [(True, "crma_11_2"), (None, "crma_11_1")])
def test_cli_and_api_read_the_crma_extension_fact(
    client: Client, tmp_path: Path, extension: bool | None, regime: str
) -> None:
    """CRMA Art. 11(2), second branch, through the CLI and the API alike."""
    facts = json.loads(FIXTURE.read_text())
    facts.update(
        kind="expansion",
        net_zero_technology=None,
        capacity_gw_per_year=None,
        crma_strategic=True,
        crma_stage="recycling",
        crma_already_in_permitting=False,
        crma_extension_of_permitted=extension,
    )
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts))
    cli = json.loads(_run("eligibility", str(path)))
    api = client.post("/api/v1/eligibility", path.read_text(), content_type="application/json")
    assert cli == api.json()
    assert cli["cap"]["regime_code"].startswith(regime), cli["cap"]
