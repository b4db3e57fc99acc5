"""The long-lived outbox worker (``rodloeber outbox work --forever``).

One loop: deliver due notifications (``outbox.work``), queue the daily digest
once per day from ``RODLOEBER_DIGEST_HOUR`` (idempotent per user and day, so a
restart never doubles it), then sleep. When a pass fails (database or mail
server unreachable) the worker does not die: it logs and waits with
exponential backoff (``interval`` doubling up to ``max_backoff``), and returns
to the normal interval after the next good pass. SIGTERM/SIGINT end it after
the current pass (systemd stop; see docs/operations.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from rodloeber.cases.outbox import digest, work

logger = logging.getLogger("rodloeber.outbox.worker")


@dataclass
class WorkerState:
    passes: int = 0
    failures_in_a_row: int = 0
    sent: int = 0
    digest_day: date | None = None
    waits: list[float] = field(default_factory=list)


def next_wait(state: WorkerState, interval: float, max_backoff: float) -> float:
    """Seconds to sleep before the next pass: the interval, or backoff after failures."""
    if state.failures_in_a_row == 0:
        return interval
    return float(min(interval * 2**state.failures_in_a_row, max_backoff))


def one_pass(state: WorkerState, now: datetime) -> None:
    """Deliver what is due and, once a day after the digest hour, queue the digest."""
    # A long-lived process must not keep a broken connection. Inside an atomic
    # block (a caller's transaction, as in the tests) Django would close the
    # connection under it, so it is left to the block's owner there.
    if not connection.in_atomic_block:
        close_old_connections()
    result = work(now=now)
    state.sent += result.sent
    local = timezone.localtime(now)
    hour = int(getattr(settings, "RODLOEBER_DIGEST_HOUR", 7))
    if local.hour >= hour and state.digest_day != local.date():
        queued = digest(today=local.date())
        state.digest_day = local.date()
        logger.info("digest for %s: %d notifications queued", local.date(), queued)


def run(
    *,
    forever: bool,
    interval: float = 5.0,
    max_backoff: float = 300.0,
    stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], datetime] = timezone.now,
) -> WorkerState:
    """Run passes until ``stop()`` (or once when not ``forever``)."""
    state = WorkerState()
    while True:
        state.passes += 1
        try:
            one_pass(state, clock())
        except Exception:  # keep the worker alive; the failure is logged
            state.failures_in_a_row += 1
            logger.exception("outbox pass failed (%d in a row)", state.failures_in_a_row)
            if not forever:
                raise
        else:
            state.failures_in_a_row = 0
        if not forever or stop():
            return state
        wait = next_wait(state, interval, max_backoff)
        state.waits.append(wait)
        sleep(wait)
        if stop():
            return state
