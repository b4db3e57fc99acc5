"""``layers fetch`` against recorded WFS responses served on 127.0.0.1 only."""

from __future__ import annotations

import socket
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from rodloeber.audit.models import AuditEvent
from rodloeber.layers.fetch import endpoints
from rodloeber.layers.loading import get_layer
from rodloeber.layers.models import Layer
from tests.layers.conftest import FIXTURES

pytestmark = pytest.mark.django_db
PAGES = {0: "habitat_omr_page1.json", 2: "habitat_omr_page2.json"}


class RecordedWfs(BaseHTTPRequestHandler):
    requests: list[dict[str, list[str]]] = []

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        type(self).requests.append(query)
        page = PAGES.get(int(query.get("startIndex", ["0"])[0]))
        if url.path != "/geoserver/wfs":
            page = None
        if page is None:
            self.send_response(404)
            self.end_headers()
            return
        body = (FIXTURES / "wfs" / page).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def wfs() -> Iterator[str]:
    RecordedWfs.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), RecordedWfs)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/geoserver/wfs"
    server.shutdown()
    server.server_close()


def test_fetch_pages_through_the_wfs_and_imports(wfs: str) -> None:
    out = StringIO()
    call_command(
        "layers", "fetch", "natura2000_habitat", "--url", wfs, "--page-size", "2", stdout=out
    )
    assert "Fetched natura2000_habitat" in out.getvalue()
    assert [q["startIndex"] for q in RecordedWfs.requests] == [["0"], ["2"]]
    first = RecordedWfs.requests[0]
    assert first["typeNames"] == ["dai:habitat_omr"] and first["srsName"] == ["EPSG:25832"]
    assert first["request"] == ["GetFeature"] and first["count"] == ["2"]
    layer = Layer.objects.get(name="natura2000_habitat")
    assert layer.feature_count == 3 and not layer.synthetic
    assert layer.source_layer == "dai:habitat_omr" and layer.recipe.startswith("fetch:")
    assert AuditEvent.objects.filter(action="layer.fetch").count() == 1
    names = {row["Objektnavn"] for row in get_layer("natura2000_habitat").attributes}
    assert "Lovns Bredning" in names


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_no_network_gives_a_clear_bilingual_error() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/geoserver/wfs"
    with pytest.raises(CommandError) as err:
        call_command("layers", "fetch", "section3_nature", "--url", url)
    text = str(err.value)
    assert "Ingen forbindelse" in text and "Cannot reach" in text
    assert not Layer.objects.exists()


def test_http_error_and_unverified_endpoint(wfs: str) -> None:
    with pytest.raises(CommandError) as err:
        call_command("layers", "fetch", "fredninger", "--url", wfs.replace("/geoserver", "/x"))
    assert "HTTP" in str(err.value) or "GeoJSON" in str(err.value)
    with pytest.raises(CommandError) as err:
        call_command("layers", "fetch", "grid_lines")
    assert "--url" in str(err.value)
    with pytest.raises(CommandError) as err:
        call_command("layers", "fetch", "no_such_layer")
    assert "section3_nature" in str(err.value)


def test_endpoint_registry_lists_the_official_services() -> None:
    eps = endpoints()
    assert eps["section3_nature"].typename == "dai:bes_naturtyper"
    assert eps["natura2000_birds"].typename == "dai:fugle_bes_omr"
    assert eps["fredninger"].typename == "dai:fredede_omr"
    assert eps["kommuneplanrammer"].typename.endswith("theme_pdk_kommuneplanramme_vedtaget_v")
    assert eps["lokalplaner"].typename.endswith("theme_pdk_lokalplan_vedtaget")
    assert all(e.params["srsName"] == "EPSG:25832" for e in eps.values())
