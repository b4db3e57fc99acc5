"""HTTP API of the cases app (Én indgang): routers and schemas, mounted by ``rodloeber.api``.

``router`` (in :mod:`rodloeber.cases.api.router`) holds the case operations and
includes the sub-routers ``lists``, ``permits`` and ``files``. Errors are not
mapped here: services raise :mod:`rodloeber.cases.errors`, each carrying its
HTTP status, and the API's global handler renders them.
"""
