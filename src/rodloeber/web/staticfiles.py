"""Static-file storage for production: WhiteNoise's compressed manifest storage.

The vendored DKFDS stylesheet still names legacy font formats (eot, ttf, woff)
in its ``@font-face`` rules, but ``scripts/refresh-vendor.sh`` vendors only
woff2 (every supported browser picks it). The manifest storage would stop
``collectstatic`` on those missing files; references to *missing legacy fonts*
are therefore left unhashed. Any other missing file still fails the build.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from whitenoise.storage import CompressedManifestStaticFilesStorage

LEGACY_FONT_SUFFIXES = (".eot", ".ttf", ".woff")


class StaticFilesStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # untyped
    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        path = urlsplit(unquote(name)).path.strip()
        if (
            content is None
            and path.lower().endswith(LEGACY_FONT_SUFFIXES)
            and not self.exists(path)
        ):
            return name
        return str(super().hashed_name(name, content, filename))
