"""Download official layers (hent officielle lag) from the endpoints in ``data/endpoints.yaml``.

WFS 2.0 GetFeature with paging (``count``/``startIndex``); JSON pages are
merged into one GeoJSON file that the normal importer then reads, so a
fetched layer passes exactly the same checks as an uploaded file.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rodloeber.layers.errors import LayerError
from rodloeber.layers.progress import bar

ENDPOINTS_FILE = Path(__file__).resolve().parent / "data" / "endpoints.yaml"
MAX_PAGE_BYTES = 1024**3
MAX_PAGES = 1000
TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Endpoint:
    name: str
    url: str
    typename: str
    title_da: str
    title_en: str
    theme: str
    licence: str
    attribution: str
    accuracy_note: str = ""
    format: str = "json"
    page_size: int = 10_000
    verified: bool = False
    params: dict[str, str] = field(default_factory=dict)


def endpoints() -> dict[str, Endpoint]:
    raw: dict[str, dict[str, Any]] = yaml.safe_load(ENDPOINTS_FILE.read_text(encoding="utf-8"))
    return {
        name: Endpoint(
            name=name, **{**entry, "params": {k: str(v) for k, v in entry["params"].items()}}
        )
        for name, entry in raw.items()
    }


def endpoint(name: str) -> Endpoint:
    try:
        return endpoints()[name]
    except KeyError:
        known = ", ".join(sorted(endpoints()))
        raise LayerError(
            "endpoint_unknown",
            f"Der er ingen officiel kilde for '{name}'. Kendte: {known}.",
            f"No official source is registered for '{name}'. Known: {known}.",
        ) from None


def _get(url: str, limit: int) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise LayerError("endpoint_url", "Kun http(s)-adresser.", "Only http(s) URLs are allowed.")
    request = urllib.request.Request(url, headers={"User-Agent": "rodloeber-layers/1"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
            body: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise LayerError(
            "fetch_http",
            f"Tjenesten svarede med HTTP {exc.code} for {url[:120]}.",
            f"The service answered HTTP {exc.code} for {url[:120]}.",
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        host = urllib.parse.urlsplit(url).netloc
        raise LayerError(
            "network",
            f"Ingen forbindelse til {host} ({exc}). Kræver netværk; importér ellers en fil med "
            "'rodloeber layers import'.",
            f"Cannot reach {host} ({exc}). Needs a network; otherwise import a file with "
            "'rodloeber layers import'.",
        ) from exc
    if len(body) > limit:
        raise LayerError("fetch_too_large", "Svaret er for stort.", "The response is too large.")
    return body


def page_url(ep: Endpoint, base: str, typename: str, start: int, count: int) -> str:
    params = {**ep.params, "typeNames": typename, "count": str(count), "startIndex": str(start)}
    return base + ("&" if "?" in base else "?") + urllib.parse.urlencode(params)


def download(
    ep: Endpoint,
    dest: Path,
    *,
    url: str | None = None,
    typename: str | None = None,
    page_size: int | None = None,
    progress: bool = False,
) -> Path:
    """Download all pages of ``ep`` into one GeoJSON file at ``dest``."""
    base = url or ep.url
    name = typename or ep.typename
    if not base or not name:
        raise LayerError(
            "endpoint_unverified",
            f"Der er ingen verificeret adresse for '{ep.name}'. Angiv --url og --layer.",
            f"There is no verified address for '{ep.name}'. Give --url and --layer.",
        )
    size = page_size or ep.page_size
    features: list[object] = []
    crs: object = None
    with bar(desc=f"hent {ep.name}", total=None, unit="obj", enabled=progress) as pbar:
        for page in range(MAX_PAGES):
            body = _get(page_url(ep, base, name, page * size, size), MAX_PAGE_BYTES)
            try:
                doc = json.loads(body)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                snippet = body[:200].decode("utf-8", "replace")
                raise LayerError(
                    "fetch_not_json",
                    f"Tjenesten svarede ikke med GeoJSON: {snippet}",
                    f"The service did not answer with GeoJSON: {snippet}",
                ) from exc
            batch = doc.get("features") if isinstance(doc, dict) else None
            if not isinstance(batch, list):
                raise LayerError(
                    "fetch_not_json", "Svaret mangler 'features'.", "The answer has no 'features'."
                )
            crs = crs or doc.get("crs")
            features.extend(batch)
            pbar.update(len(batch))
            if len(batch) < size:
                break
    collection: dict[str, object] = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = crs
    dest.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return dest
