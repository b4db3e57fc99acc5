"""Errors of the screening engine (fejl i screeningen).

Every error carries a Danish and an English message (``message_da`` /
``message_en``) and a stable machine ``code`` so the API can answer 422 in
the caller's language and integrators can branch on the code.
"""

from __future__ import annotations

from rodloeber.domain.errors import DomainError


class ScreeningError(DomainError):
    """Base error of the screening engine (fejl i screeningen)."""


class GeometryError(ScreeningError):
    """The submitted area is not a usable geometry (ugyldig geometri).

    ``code`` is one of: ``invalid_json``, ``missing_geometry``, ``not_polygon``,
    ``malformed``, ``wrong_crs``, ``swapped_axes``, ``invalid_geometry``,
    ``outside_denmark``, ``too_large``, ``too_small``, ``too_many_vertices``,
    ``too_many_parts``, ``too_many_holes``,
    ``body_too_large`` (413, :class:`BodyTooLarge`).
    """

    field = "geometry"

    def __init__(self, code: str, message_da: str, message_en: str) -> None:
        self.code = code
        super().__init__(message_da, message_en)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message_da": self.message_da, "message_en": self.message_en}


class BodyTooLarge(GeometryError):
    """The request body is larger than the screening accepts (413)."""

    http_status = 413
