"""WSGI entry point for the load test: the app, warmed once in the gunicorn master.

Run with ``gunicorn -c gunicorn.conf.py bench.load.wsgi_warm:application``
(``preload_app``): the screening index (memory-mapped prepared indexes,
ADR 0030) and the basemap tile sources are loaded before the workers fork, so
every worker shares them copy-on-write instead of loading them on its first
request. ``gunicorn.conf.py`` warms the screening index in production too;
this module adds the basemap tiles the load test asks for. Database
connections opened while warming are closed before the fork.
"""

from __future__ import annotations

import logging

from django.db import connections

from rodloeber.config.wsgi import application

log = logging.getLogger("rodloeber.load")

__all__ = ["application"]


def _warm() -> None:
    from rodloeber.layers.screening_service import screening_index
    from rodloeber.layers.tiles import BASEMAP, get_tile, layer_info

    screening_index()
    provenance, _kind = layer_info(BASEMAP)
    for z, x, y in ((6, 33, 19), (7, 67, 39), (8, 135, 79)):
        get_tile(BASEMAP, z, x, y, version=provenance.version)


try:
    _warm()
except Exception:  # a cold start is slower, not wrong
    log.exception("load test: warming failed")
finally:
    connections.close_all()
