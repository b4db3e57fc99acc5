"""One CPU budget per request (``RODLOEBER_REQUEST_CPU_BUDGET_S``, default 2 s; issue #20).

The budget is opened around the view; the expensive loops call
``rodloeber.domain.cpu_budget.checkpoint``. A request that runs out is
answered 422 ``cpu_budget`` in Danish or English: the API's global handler
renders it in the API's error shape, views that show domain errors next to
their form (the land import) show it there, and any other page gets an error
page from :meth:`CpuBudgetMiddleware.process_exception`. Every stop is logged
(logger ``rodloeber.cpu_budget``) with the path, the CPU spent and where it
stopped; a refusal writes no audit event, because nothing changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rodloeber.core.page_errors import error_message
from rodloeber.domain.cpu_budget import CpuBudgetExceeded, cpu_budget

log = logging.getLogger("rodloeber.cpu_budget")


class CpuBudgetMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with cpu_budget(settings.RODLOEBER_REQUEST_CPU_BUDGET_S) as budget:
            response = self.get_response(request)
        if budget is not None and budget.stopped is not None:
            stop = budget.stopped
            log.warning(
                "cpu budget exceeded: %s %s spent %.2f s of %.2f s at %s -> %s",
                request.method,
                request.path,
                stop.spent_s,
                stop.limit_s,
                stop.where or "?",
                response.status_code,
            )
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        """A page whose view let the refusal through: an error page, not a 500."""
        if not isinstance(exc, CpuBudgetExceeded):
            return None
        return render(request, "422.html", {"message": error_message(exc)}, status=422)
