"""Production settings refuse to start insecurely; deploy checks are clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "rodloeber.config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "Yz9-4kQ!pL2#vN8@" * 3,
    "DJANGO_ALLOWED_HOSTS": "roedloeber.example",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _run(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_overrides)
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(  # noqa: S603 - fixed argv, test only
        [sys.executable, "-m", "django", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_missing_setting(missing: str) -> None:
    env = {k: v for k, v in GOOD_ENV.items() if k != missing}
    result = _run(env, "check")
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_deploy_check_is_clean() -> None:
    result = _run(GOOD_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
