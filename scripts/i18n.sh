#!/usr/bin/env bash
# Extract translatable strings into the Danish catalogue and compile it.
#
#   scripts/i18n.sh            makemessages (da) + compilemessages
#   scripts/i18n.sh compile    compilemessages only (e.g. after editing django.po)
#
# Source strings are English ({% translate %}, gettext); Danish lives in
# src/rodloeber/locale/da/LC_MESSAGES/django.po. Needs GNU gettext
# (Debian/Ubuntu: apt-get install gettext).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
[[ -x "$PY" ]] || PY="$(command -v python3)"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-rodloeber.config.settings.dev}"
export PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}"

command -v msgfmt >/dev/null || {
  echo "i18n: GNU gettext is missing (apt-get install gettext)" >&2
  exit 1
}

# Run inside the package so paths in the catalogue are relative to it; the
# catalogue is written to settings.LOCALE_PATHS (src/rodloeber/locale).
cd "$ROOT/src/rodloeber"

if [[ "${1:-}" != "compile" ]]; then
  "$PY" -m django makemessages \
    --locale da \
    --domain django \
    --extension html,txt,py \
    --ignore "static/*" \
    --ignore "locale/*" \
    --ignore "*/migrations/*" \
    --add-location file \
    --no-wrap
fi

"$PY" -m django compilemessages --locale da --ignore ".venv"
echo "i18n: compiled $(find "$ROOT/src/rodloeber/locale" -name '*.mo' | wc -l) catalogue(s)"
