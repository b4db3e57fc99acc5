"""Rate limits hold across gunicorn workers: production counts in a shared cache
(issue #10). Two separate processes, one database, one count."""

from __future__ import annotations

from pathlib import Path

from tests.config.test_settings import GOOD_ENV, _run

HIT = (
    "from rodloeber.web.ratelimit import hit; "
    "print(' '.join(str(hit('login', 'a192.0.2.7').count) for _ in range({n})))"
)


def test_production_rate_limits_use_a_shared_cache() -> None:
    code = (
        "from django.conf import settings; "
        "print(settings.CACHES[settings.RODLOEBER_RATE_LIMIT_CACHE]['BACKEND'])"
    )
    result = _run(GOOD_ENV, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "django.core.cache.backends.db.DatabaseCache"
    redis = _run({**GOOD_ENV, "RODLOEBER_CACHE_URL": "redis://cache:6379/0"}, "shell", "-c", code)
    assert redis.stdout.splitlines()[-1] == "django.core.cache.backends.redis.RedisCache"
    bad = _run({**GOOD_ENV, "RODLOEBER_CACHE_URL": "memcached://x"}, "check")
    assert bad.returncode != 0 and "RODLOEBER_CACHE_URL" in bad.stderr


def test_two_worker_processes_share_one_count(tmp_path: Path) -> None:
    env = {**GOOD_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}"}
    # Only the cache table is needed (what `migrate` creates after migrating, ops/apps.py);
    # the full migration in a subprocess cost most of this test's time (ADR 0015).
    created = _run(env, "createcachetable")
    assert created.returncode == 0, created.stderr
    first = _run(env, "shell", "-c", HIT.format(n=3))
    second = _run(env, "shell", "-c", HIT.format(n=2))
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.splitlines()[-1].split() == ["1", "2", "3"]
    assert second.stdout.splitlines()[-1].split() == [
        "4",
        "5",
    ]  # a per-process cache would start at 1 again
