"""Language selection: Danish first.

Pages are Danish unless the person chose English with the language switch
(stored in the language cookie). Browser ``Accept-Language`` is deliberately
ignored for pages, so a Danish user with an English browser still meets the
Danish service. The API honours ``Accept-Language`` for its messages, as
integrators expect.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            language = chosen if chosen in SUPPORTED else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
