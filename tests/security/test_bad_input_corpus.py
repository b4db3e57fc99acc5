"""The bad-input corpus against every upload endpoint (issue #10).

Each corpus file, sent to each endpoint in ``tests/security/uploads.py``,
must be refused with a 4xx (a command: a ``CommandError``, exit code 1)
within 2 seconds of CPU time, with a message in Danish and in English, and leave
nothing behind: no new rows in any model of the project, no audit event,
no file under MEDIA_ROOT or the layers folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from rodloeber.accounts.roles import Role
from rodloeber.accounts.services import token_create
from rodloeber.accounts.token_scopes import ALL_SCOPES
from rodloeber.cases.services.completeness import case_acknowledge
from rodloeber.layers import screening_service
from rodloeber.parks.services import application_create, round_open
from tests.cases import factories as f
from tests.conftest import PASSWORD
from tests.domain.screening.conftest import small_world
from tests.parks.conftest import FULL_ANSWERS, area
from tests.security.corpus.make_corpus import committed, write_large
from tests.security.state import changes, snapshot
from tests.security.uploads import (
    NOT_UPLOADS,
    UPLOAD_ENDPOINTS,
    Ctx,
    Outcome,
    UploadEndpoint,
    discover_api,
    discover_cli,
    discover_web,
)

pytestmark = pytest.mark.django_db

#: CPU seconds of the test's thread (``time.thread_time``), which runs the view or the
#: command: the bound of issue #20 ("no request costs more than 2 s of CPU"). Wall
#: time failed at load averages of 15-20 without any request getting slower; CPU
#: time does not grow with load. Slowest at load 12: 0.55 s (docs/performance.md).
LIMIT_SECONDS = 2.0


@pytest.fixture(scope="module")
def large_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_large(tmp_path_factory.mktemp("corpus-large"))


@pytest.fixture
def corpus(large_files: dict[str, Path]) -> dict[str, Path]:
    return {**committed(), **large_files}


@pytest.fixture
def ctx(settings: Any, tmp_path: Path) -> Iterator[Ctx]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RODLOEBER_LAYERS_DIR = tmp_path / "layers"
    world = small_world()
    screening_service.set_layer_loader(lambda name: world[name])
    company_user = f.user(Role.COMPANY_USER, f.company(), "korpus-firma")
    manager = f.user(Role.CASE_MANAGER, f.org("ERST"), "korpus-sb")
    planner = f.user(Role.MUNICIPAL_PLANNER, f.org("0561"), "korpus-planner")
    admin = f.user(Role.ADMINISTRATOR, f.org("ERST"), "korpus-admin")
    case = f.submit(company_user, f.facts())
    case_acknowledge(actor=manager, case=case, on=timezone.localdate())
    rnd = round_open(
        actor=admin,
        title="Korpusrunde (test)",
        deadline=timezone.now() + timedelta(days=30),
        rules_text="§ 13",
    )
    draft = application_create(
        actor=planner,
        application_round=rnd,
        name="Korpuskladde",
        geometry=area(),
        answers=FULL_ANSWERS,
    )
    clients = {}
    for who, user in (("company", company_user), ("planner", planner)):
        clients[who] = Client()
        assert clients[who].login(username=user.username, password=PASSWORD)
    tokens = {
        "company": token_create(actor=None, user=company_user, name="korpus", scopes=ALL_SCOPES)[1],
        "planner": token_create(actor=None, user=planner, name="korpus", scopes=ALL_SCOPES)[1],
    }
    yield Ctx(clients, tokens, {"case": case.pk, "round": rnd.pk, "park_draft": draft.pk}, tmp_path)
    screening_service.set_layer_loader(None)


def _problems(endpoint: UploadEndpoint, name: str, outcomes: dict[str, Outcome]) -> list[str]:
    out = []
    for lang, o in outcomes.items():
        refused = o.status != 0 if endpoint.cli else 400 <= o.status < 500
        if not refused:
            out.append(f"{lang}: status {o.status}, expected a refusal ({o.message[:120]!r})")
        if o.seconds > LIMIT_SECONDS:
            out.append(f"{lang}: took {o.seconds:.1f} s CPU (limit {LIMIT_SECONDS:.0f} s)")
        if not o.message.strip():
            out.append(f"{lang}: no error message shown")
    lines = {line for line in outcomes["da"].message.splitlines() if line.strip()}
    both_in_one = endpoint.cli and len(lines) >= 2  # commands may print "da\nen"
    if not both_in_one and outcomes["da"].message == outcomes["en"].message:
        out.append(f"same message in Danish and English: {outcomes['da'].message[:120]!r}")
    return out


@pytest.mark.parametrize("endpoint", UPLOAD_ENDPOINTS, ids=lambda e: e.key)
def test_corpus_is_refused_cleanly(
    endpoint: UploadEndpoint, ctx: Ctx, corpus: dict[str, Path], settings: Any
) -> None:
    failures: list[str] = []
    slowest = (0.0, "")
    for name, path in sorted(corpus.items()):
        if name in endpoint.exempt:
            continue
        data = path.read_bytes()
        before = snapshot(settings)
        try:
            outcomes = {lang: endpoint.send(ctx, name, data, lang) for lang in ("da", "en")}
        except Exception as exc:  # a crash (500 / traceback) is a finding, not the end
            failures.append(f"{name}: crashed: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        after = snapshot(settings)
        slowest = max(slowest, *((o.seconds, name) for o in outcomes.values()))
        problems = _problems(endpoint, name, outcomes)
        changed = changes(before, after)
        if changed:
            problems.append(f"stored something: {changed}")
        failures.extend(f"{name}: {p}" for p in problems)
    print(f"{endpoint.key}: slowest {slowest[0]:.2f} s CPU ({slowest[1]})")  # shown with -s
    assert not failures, f"{endpoint.key}:\n" + "\n".join(failures)


def test_corpus_has_at_least_25_files_and_a_readme(corpus: dict[str, Path]) -> None:
    readme = (Path(__file__).parent / "corpus" / "README.md").read_text(encoding="utf-8")
    assert len(corpus) >= 25
    undocumented = [name for name in corpus if f"`{name}`" not in readme]
    assert not undocumented, f"describe these corpus files in corpus/README.md: {undocumented}"


def test_every_upload_endpoint_is_in_the_table() -> None:
    known = {e.key for e in UPLOAD_ENDPOINTS} | set(NOT_UPLOADS)
    found = discover_web() | discover_api() | discover_cli()
    missing = sorted(found - known)
    assert not missing, (
        "These endpoints accept files or geometries but are not exercised by the bad-input "
        f"corpus: {missing}. Add an UploadEndpoint (a send function) to "
        "tests/security/uploads.py UPLOAD_ENDPOINTS, or list it in NOT_UPLOADS with a reason."
    )
    stale = sorted(k for k in known - found if not k.startswith("cli:backup"))
    assert not stale, f"UPLOAD_ENDPOINTS lists endpoints discovery no longer finds: {stale}"
