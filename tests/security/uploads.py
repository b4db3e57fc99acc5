"""Every endpoint that accepts a file or a geometry, and how to send it one.

The bad-input corpus (``tests/security/corpus/``) is sent to each entry of
``UPLOAD_ENDPOINTS``. ``discover_*`` find upload endpoints independently
(web views that read ``request.FILES``, API operations with a binary
multipart field or a ``geometry`` property, management commands with a
file argument), and ``test_every_upload_endpoint_is_in_the_table`` fails
when one is missing here.

To add an endpoint: write a ``send`` function (``Sender``) and append an
``UploadEndpoint`` with the key the discovery prints. Exempt a corpus file
only with a reason (the file is legitimate input for that endpoint).
"""

from __future__ import annotations

import ast
import inspect
import io
import textwrap
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.test import Client

from rodloeber.api.api import api
from tests.security.endpoints import _walk


@dataclass
class Outcome:
    status: int  # HTTP status; for commands the exit code (0 = success)
    message: str  # the error text the caller sees (without headings)
    seconds: float  # CPU time of the calling thread (time.thread_time), not wall time


@dataclass
class Ctx:
    """What the senders need: logged-in clients, tokens, object ids, a scratch folder."""

    clients: dict[str, Client]
    tokens: dict[str, str]
    ids: dict[str, int]
    tmp: Path


Sender = Callable[[Ctx, str, bytes, str], Outcome]


@dataclass(frozen=True)
class UploadEndpoint:
    key: str
    send: Sender
    #: corpus file -> why it is legitimate input here (it is then not sent)
    exempt: dict[str, str] = field(default_factory=dict)
    cli: bool = False


class _AlertText(HTMLParser):
    """Text of ``.alert-error`` boxes and field errors, without the heading."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += 1
            if tag in ("h2", "h3") or "alert-heading" in classes:
                self.skip = self.depth
        elif "alert-error" in classes or "form-error-message" in classes:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            if self.skip == self.depth:
                self.skip = 0
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip and data.strip():
            self.parts.append(data.strip())


def html_error(content: bytes) -> str:
    parser = _AlertText()
    parser.feed(content.decode("utf-8", "replace"))
    return " ".join(parser.parts)


def _http(response: Any, started: float) -> Outcome:
    seconds = time.thread_time() - started
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        message = body.get("detail", "") if isinstance(body, dict) else ""
    else:
        message = html_error(response.content)
    return Outcome(response.status_code, str(message), seconds)


def _web(client: Client, lang: str) -> Client:
    client.cookies["django_language"] = lang  # keeps the session cookie
    return client


def _bearer(ctx: Ctx, who: str, lang: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ctx.tokens[who]}", "HTTP_ACCEPT_LANGUAGE": lang}


def _upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- senders -------------------------------------------------------------------------------


def screening_api(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = Client().post(
        "/api/v1/screening",
        data=data,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    return _http(response, started)


def _geometry_body(data: bytes) -> bytes:
    # the file's bytes as the "geometry" member: non-JSON files make the body invalid JSON
    return '{"name": "Korpusansøgning (test)", "answers": {}, "geometry": '.encode() + data + b"}"


def parks_api_create(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = Client().post(
        "/api/v1/parks/applications",
        data=_geometry_body(data),
        content_type="application/json",
        **_bearer(ctx, "planner", lang),
    )
    return _http(response, started)


def parks_api_patch(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = Client().patch(
        f"/api/v1/parks/applications/{ctx.ids['park_draft']}",
        data=_geometry_body(data),
        content_type="application/json",
        **_bearer(ctx, "planner", lang),
    )
    return _http(response, started)


def parks_web_new(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = _web(ctx.clients["planner"], lang).post(
        "/industriparker/ansoegninger/ny",
        {
            "name": "Korpusansøgning (test)",
            "round": ctx.ids["round"],
            "geometry_file": _upload(name, data, "application/geo+json"),
        },
    )
    return _http(response, started)


def parks_web_edit(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = _web(ctx.clients["planner"], lang).post(
        f"/industriparker/ansoegninger/{ctx.ids['park_draft']}/rediger",
        {"name": "Korpusansøgning (test)", "geometry_file": _upload(name, data)},
    )
    return _http(response, started)


def parks_web_attachment(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = _web(ctx.clients["planner"], lang).post(
        f"/industriparker/ansoegninger/{ctx.ids['park_draft']}/bilag",
        {"file": _upload(name, data, "application/pdf"), "kind": "other"},
    )
    return _http(response, started)


def parks_api_attachment(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = Client().post(
        f"/api/v1/parks/applications/{ctx.ids['park_draft']}/attachments",
        {"file": _upload(name, data, "application/pdf")},
        **_bearer(ctx, "planner", lang),
    )
    return _http(response, started)


def parks_api_area_check(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = Client().post(
        "/api/v1/parks/areas/check",
        {"file": _upload(name, data, "application/geo+json")},
        **_bearer(ctx, "planner", lang),
    )
    return _http(response, started)


def land_web_import(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = _web(ctx.clients["planner"], lang).post(
        "/kort/import", {"file": _upload(name, data, "text/csv")}
    )
    return _http(response, started)


def case_web_upload(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = _web(ctx.clients["company"], lang).post(
        f"/sager/{ctx.ids['case']}/dokumenter",
        {"file": _upload(name, data, "application/pdf"), "description": "korpus"},
    )
    return _http(response, started)


def case_api_upload(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    started = time.thread_time()
    response = Client().post(
        f"/api/v1/cases/{ctx.ids['case']}/documents",
        {"file": _upload(name, data, "application/pdf"), "description": "korpus"},
        **_bearer(ctx, "company", lang),
    )
    return _http(response, started)


def _command(ctx: Ctx, name: str, data: bytes, args: list[str]) -> Outcome:
    path = ctx.tmp / "cli" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    out = io.StringIO()
    started = time.thread_time()
    try:
        call_command(*[a.replace("{path}", str(path)) for a in args], stdout=out, stderr=out)
    except CommandError as exc:
        return Outcome(exc.returncode or 1, str(exc), time.thread_time() - started)
    finally:
        path.unlink()
    return Outcome(0, out.getvalue(), time.thread_time() - started)


def land_cli_import(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    return _command(ctx, name, data, ["land", "import", "{path}", "--kommune", "0561"])


def layers_cli_import(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    args = ["layers", "import", "{path}", "--name", "korpus_test"]
    return _command(ctx, name, data, [*args, "--source", "korpus", "--licence", "test"])


def screen_cli(ctx: Ctx, name: str, data: bytes, lang: str) -> Outcome:
    return _command(ctx, name, data, ["screen", "{path}", "--lang", lang])


_SPREADSHEET = "a valid spreadsheet is a legitimate document; the platform does not open it"
#: valid spreadsheets are legitimate documents (case documents, park attachments)
DOCUMENT_EXEMPT = dict.fromkeys(
    (
        "formula_injection.xlsx",
        "xlsx_header_only.xlsx",
        "csv_header_only.csv",
        "formula_injection.csv",
        "two_million_rows.xlsx",
    ),
    _SPREADSHEET,
)
_BIG_POLYGON = "reference layers may hold very large polygons (coastlines, Natura 2000)"

#: Every upload endpoint ("METHOD /path" for the API, URL name for pages, "cli:…" for commands).
UPLOAD_ENDPOINTS: list[UploadEndpoint] = [
    UploadEndpoint("POST /api/v1/screening", screening_api),
    UploadEndpoint("POST /api/v1/parks/applications", parks_api_create),
    UploadEndpoint("PATCH /api/v1/parks/applications/{app_id}", parks_api_patch),
    UploadEndpoint("parks:application_new", parks_web_new),
    UploadEndpoint("parks:application_edit", parks_web_edit),
    UploadEndpoint(
        "parks:attachment_upload",
        parks_web_attachment,
        exempt=DOCUMENT_EXEMPT,
    ),
    UploadEndpoint(
        "POST /api/v1/parks/applications/{app_id}/attachments",
        parks_api_attachment,
        exempt=DOCUMENT_EXEMPT,
    ),
    UploadEndpoint("POST /api/v1/parks/areas/check", parks_api_area_check),
    UploadEndpoint("landmap:import", land_web_import),
    UploadEndpoint(
        "cases:upload",
        case_web_upload,
        exempt=DOCUMENT_EXEMPT,
    ),
    UploadEndpoint(
        "POST /api/v1/cases/{case_id}/documents",
        case_api_upload,
        exempt=DOCUMENT_EXEMPT,
    ),
    UploadEndpoint("cli:land import", land_cli_import, cli=True),
    UploadEndpoint("cli:screen", screen_cli, cli=True),
    UploadEndpoint(
        "cli:layers import",
        layers_cli_import,
        cli=True,
        exempt={
            "area_too_large_jutland.geojson": _BIG_POLYGON,
            "million_vertices.geojson": _BIG_POLYGON,
            "hole_filled_9000.geojson": _BIG_POLYGON,
            "point_not_polygon.geojson": "reference layers hold points (substations, ports)",
        },
    ),
]

#: Endpoints that take a file but are not uploads from users (key -> reason).
NOT_UPLOADS: dict[str, str] = {
    "cli:restore": "operators restore their own backup files (rodloeber restore PATH)",
    "cli:backup": "writes a backup file; reads none",
    "cli:eligibility": "reads a facts JSON, stores nothing (tests/api/test_cli_checks.py)",
    "cli:navigate": "reads a facts JSON, stores nothing (tests/api/test_cli_checks.py)",
    "cli:plan": "reads a facts JSON, stores nothing (tests/api/test_cli_checks.py)",
}


# --- discovery -----------------------------------------------------------------------------


def _calls(fn: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call):
            f = node.func
            names.add(f.id if isinstance(f, ast.Name) else getattr(f, "attr", ""))
    return names


def _reads_files(view: Callable[..., Any]) -> bool:
    """Does the view (or a function of its module it calls) read ``request.FILES``?"""
    view = inspect.unwrap(view)
    module = inspect.getmodule(view)
    if module is None:
        return False
    tree = ast.parse(textwrap.dedent(inspect.getsource(module)))
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    seen: set[str] = set()
    todo = [view.__name__]
    while todo:
        name = todo.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        fn = functions[name]
        if "request.FILES" in ast.unparse(fn):
            return True
        todo.extend(_calls(fn))
    return False


def discover_web() -> set[str]:
    from django.urls import get_resolver

    from tests.security.endpoints import API_PREFIX

    found = set()
    for route, ns, pattern in _walk(get_resolver(), "/", ""):
        if route.startswith(API_PREFIX):
            continue
        if _reads_files(pattern.callback):
            found.add(f"{ns}:{pattern.name}" if ns else str(pattern.name))
    return found


def _schema_has(schema: Any, want: Callable[[str, Any], bool], refs: dict[str, Any]) -> bool:
    def walk(node: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            if "$ref" in node:
                yield from walk(refs.get(node["$ref"].rsplit("/", 1)[-1], {}))
            for key, value in node.items():
                yield key, value
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    return any(want(k, v) for k, v in walk(schema))


def discover_api() -> set[str]:
    schema = api.get_openapi_schema()
    refs = schema.get("components", {}).get("schemas", {})
    found = set()
    for path, item in schema["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {})
            binary = _schema_has(body, lambda k, v: k == "format" and v == "binary", refs)
            geometry = _schema_has(body, lambda k, v: k == "properties" and "geometry" in v, refs)
            if binary or geometry:
                found.add(f"{method.upper()} {path}")
    return found


def discover_cli() -> set[str]:
    """Commands of the project (and their sub-commands) with a file/path argument."""
    found = set()
    for name, app in get_commands().items():
        if not app.startswith("rodloeber"):
            continue
        parser = load_command_class(app, name).create_parser("rodloeber", name)
        for label, p in _parsers(parser, name):
            for action in p._actions:
                if action.type is Path or action.dest in ("file", "path"):
                    found.add(f"cli:{label}")
    # "land" and "land import" come from one parser: keep the most specific label
    return {k for k in found if not any(o != k and o.startswith(k + " ") for o in found)}


def _parsers(parser: Any, label: str) -> Iterator[tuple[str, Any]]:
    yield label, parser
    for action in parser._actions:
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict):
            for sub, p in choices.items():
                if hasattr(p, "_actions"):
                    yield from _parsers(p, f"{label} {sub}")
    # sub-commands given as a positional choice ("land import FILE")
    positional = [a for a in parser._actions if a.option_strings == [] and a.choices]
    for action in positional:
        if isinstance(action.choices, list | tuple) and len(action.choices) == 1:
            yield f"{label} {action.choices[0]}", parser
