"""Compile locale/*/LC_MESSAGES/django.po to .mo with polib (no GNU gettext needed).

    python scripts/compile_messages.py          # write the .mo files
    python scripts/compile_messages.py --check  # fail if a committed .mo is stale

Extracting new strings (makemessages) needs GNU gettext: see scripts/i18n.sh.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "rodloeber" / "locale"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po = polib.pofile(str(po_path))
        untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        mo_path = po_path.with_suffix(".mo")
        if check:
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / "fresh.mo"
                po.save_as_mofile(str(fresh))
                if not mo_path.exists() or mo_path.read_bytes() != fresh.read_bytes():
                    stale.append(str(mo_path))
        else:
            po.save_as_mofile(str(mo_path))
        print(
            f"{po_path.relative_to(LOCALE)}: {len(po.translated_entries())} translated, "
            f"{len(untranslated)} untranslated, {len(fuzzy)} fuzzy"
        )
        for msgid in untranslated[:20]:
            print(f"  untranslated: {msgid[:80]!r}")
        if check and (untranslated or fuzzy):
            stale.append(f"{po_path} has untranslated or fuzzy entries")
    if stale:
        print("Stale or incomplete translations:\n  " + "\n  ".join(stale), file=sys.stderr)
        print("Run: python scripts/compile_messages.py (after translating)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
