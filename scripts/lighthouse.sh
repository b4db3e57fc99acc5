#!/bin/sh
# Lighthouse (desktop) on the map pages, as recorded in docs/performance.md.
# Needs Node.js (npx) and Debian's Chromium. Timing scores are recorded here, not in the suite;
# tests/e2e/test_lighthouse.py asserts accessibility and byte budgets. Usage, with `make run` on :8000:
#   scripts/lighthouse.sh [BASE_URL]   (default http://127.0.0.1:8000)
set -eu
BASE=${1:-http://127.0.0.1:8000}
OUT=${OUT:-var/lighthouse}
mkdir -p "$OUT"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for page in kort industriparker; do
  CHROME_PATH=/usr/bin/chromium npx -y lighthouse@12.2.3 "$BASE/$page" --preset=desktop \
    --only-categories=performance,accessibility \
    --chrome-flags='--headless=new --no-sandbox' \
    --output=json --output-path="$OUT/$page.json" --quiet
  python3 - "$OUT/$page.json" "$page" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = d["audits"]
print(f"/{sys.argv[2]}: performance {d['categories']['performance']['score'] * 100:.0f}, "
      f"accessibility {d['categories']['accessibility']['score'] * 100:.0f}, "
      f"TBT {a['total-blocking-time']['numericValue']:.0f} ms, "
      f"LCP {a['largest-contentful-paint']['numericValue']:.0f} ms, "
      f"transfer {a['total-byte-weight']['numericValue'] / 1e6:.2f} MB")
PY
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
