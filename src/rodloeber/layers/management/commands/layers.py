"""``rodloeber layers …`` — the reference-layer registry from the command line.

Sub-commands: ``list``, ``bootstrap``, ``import FILE --name N --source … --licence …``,
``fetch NAME``, ``generate --seed N``, ``index [--force]`` (prepared screening indexes,
ADR 0030). Errors are printed in Danish and English.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.domain.geodata.errors import GeodataError
from rodloeber.domain.geodata.synthetic.generator import DEFAULT_SEED
from rodloeber.layers import services
from rodloeber.layers.models import Layer, Theme
from rodloeber.layers.prepared_index import ensure_indexes
from rodloeber.layers.screening_service import SCREENING_LAYERS


class Command(BaseCommand):
    help = "Reference layers: list, bootstrap, import, fetch, generate, index."
    requires_system_checks: list[str] = []  # a data command; keeps `bootstrap` fast

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="table of layers with provenance")
        boot = sub.add_parser("bootstrap", help="build bundled + synthetic layers (idempotent)")
        boot.add_argument("--seed", type=int, default=None, help="rebuild synthetic with this seed")
        imp = sub.add_parser("import", help="import GeoJSON, GeoPackage, GML 3.2 or zipped SHP")
        imp.add_argument("file", type=Path)
        imp.add_argument("--name", required=True, help="layer name, e.g. section3_nature")
        imp.add_argument("--source", required=True, help="URL/service the data came from")
        imp.add_argument("--licence", required=True)
        imp.add_argument("--attribution", default="")
        imp.add_argument("--version", dest="data_version", default="", help="version date")
        imp.add_argument("--layer", default=None, help="WFS type name / layer in the file")
        imp.add_argument("--title-da", default="")
        imp.add_argument("--title-en", default="")
        imp.add_argument("--theme", choices=Theme.values, default="")
        imp.add_argument("--synthetic", action="store_true")
        imp.add_argument("--force-repair", action="store_true", help="repair even ambiguous shapes")
        imp.add_argument(
            "--subdivide", type=int, default=256, help="max vertices per part; 0 = off"
        )
        fetch = sub.add_parser("fetch", help="download from the official endpoint")
        fetch.add_argument("name")
        fetch.add_argument("--url", default=None, help="override the service URL")
        fetch.add_argument("--layer", default=None, help="override the WFS type name")
        fetch.add_argument("--page-size", type=int, default=None)
        gen = sub.add_parser("generate", help="(re)generate the synthetic layers")
        gen.add_argument("--seed", type=int, default=DEFAULT_SEED)
        gen.add_argument("names", nargs="*", help="only these synthetic layers")
        idx = sub.add_parser("index", help="write missing or stale prepared screening indexes")
        idx.add_argument("--force", action="store_true", help="rewrite every prepared index")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = sys.stderr.isatty() or options.get("verbosity", 1) >= 2
        try:
            getattr(self, "_" + options["action"])(options, progress)
        except GeodataError as exc:
            raise CommandError(f"{exc.message_da}\n{exc.message_en}") from exc

    def _list(self, options: dict[str, Any], progress: bool) -> None:
        rows = list(Layer.objects.order_by("name"))
        if not rows:
            self.stdout.write("Ingen lag. Kør 'rodloeber layers bootstrap'. / No layers yet.")
            return
        self.stdout.write(f"{'name':<24} {'features':>9} {'synthetic':<9} {'version':<26} source")
        for layer in rows:
            mark = "SYNTETISK" if layer.synthetic else "-"
            self.stdout.write(
                f"{layer.name:<24} {layer.feature_count:>9} {mark:<9} {layer.version[:26]:<26} "
                f"{layer.source[:70]}"
            )
            self.stdout.write(
                f"{'':<24} licence: {layer.licence}; attribution: {layer.attribution}"
            )

    def _bootstrap(self, options: dict[str, Any], progress: bool) -> None:
        start = time.monotonic()
        result = services.layers_bootstrap(actor=None, seed=options["seed"], progress=progress)
        self.stdout.write(
            f"Layers: {len(result.built)} built, {len(result.skipped)} up to date, "
            f"{len(result.kept_official)} official kept, {len(result.indexed)} screening "
            f"indexes written ({time.monotonic() - start:.1f} s)."
        )

    def _index(self, options: dict[str, Any], progress: bool) -> None:
        start = time.monotonic()
        written = ensure_indexes(SCREENING_LAYERS, force=options["force"])
        self.stdout.write(
            f"Prepared screening indexes: {len(written)} written "
            f"({', '.join(written) or '-'}; {time.monotonic() - start:.1f} s)."
        )

    def _import(self, options: dict[str, Any], progress: bool) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Filen findes ikke / file not found: {path}")
        result = services.layer_import(
            actor=None,
            path=path,
            name=options["name"],
            source=options["source"],
            licence=options["licence"],
            attribution=options["attribution"],
            version=options["data_version"],
            source_layer=options["layer"],
            title_da=options["title_da"],
            title_en=options["title_en"],
            theme=options["theme"],
            synthetic=options["synthetic"],
            force_repair=options["force_repair"],
            subdivide_max_vertices=options["subdivide"] or None,
            progress=progress,
        )
        self.stdout.write(
            f"Imported {result.layer.name}: {result.report.summary_en()} "
            f"({result.layer.part_count} stored parts)."
        )

    def _fetch(self, options: dict[str, Any], progress: bool) -> None:
        result = services.layer_fetch(
            actor=None,
            name=options["name"],
            url=options["url"],
            typename=options["layer"],
            page_size=options["page_size"],
            progress=progress,
        )
        self.stdout.write(f"Fetched {result.layer.name}: {result.report.summary_en()}.")

    def _generate(self, options: dict[str, Any], progress: bool) -> None:
        start = time.monotonic()
        layers = services.layers_generate(
            actor=None, seed=options["seed"], names=options["names"] or None, progress=progress
        )
        counts = ", ".join(f"{layer.name} {layer.feature_count}" for layer in layers)
        self.stdout.write(
            f"Generated {len(layers)} synthetic layers ({time.monotonic() - start:.1f} s): {counts}"
        )
