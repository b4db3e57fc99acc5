"""The ``rodloeber`` command: Django management commands under one name.

``rodloeber token create USER``, ``rodloeber audit verify``, ``rodloeber demo load`` …
Settings default to development; set DJANGO_SETTINGS_MODULE for production.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodloeber.config.settings.dev")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["rodloeber", *args])


if __name__ == "__main__":
    main()
