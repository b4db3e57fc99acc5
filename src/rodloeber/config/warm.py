"""Warm a web process before it serves (opvarmning), ADR 0030.

``gunicorn.conf.py`` calls :func:`warm` in the master after ``preload_app``
imported the application and before the workers fork, so every worker starts
with the screening index (memory-mapped prepared indexes, STRtrees) and the
kommune geography already in memory, shared copy-on-write, instead of
loading them on its first request. Database connections opened meanwhile are
closed so no worker inherits a socket.
"""

from __future__ import annotations

import gc
import logging
import time

from django.db import connections

__all__ = ["warm"]

logger = logging.getLogger(__name__)


def warm() -> float:
    """Load the per-process indexes now; the seconds it took. Failures only log."""
    start = time.monotonic()
    try:
        from rodloeber.layers.geography import geography
        from rodloeber.layers.screening_service import screening_index

        screening_index()
        geography()
    except Exception:  # a cold first request is slower, not wrong
        logger.exception("warming the screening index failed")
    finally:
        connections.close_all()
    gc.collect()
    gc.freeze()  # keep the warmed objects out of later collections: fewer copied pages
    seconds = time.monotonic() - start
    logger.warning("warmed the screening index and geography in %.2f s", seconds)
    return seconds
