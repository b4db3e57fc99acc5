"""``rodloeber screen FILE.geojson`` — screen an area against § 13, print the ScreeningReport JSON.

Accepts ``{"geometry": …}`` (the API body), a GeoJSON Feature or a bare
Polygon/MultiPolygon in EPSG:4326; ``-`` reads standard input. A
FeatureCollection is screened feature by feature (``--batch``), printing a
JSON list. Geometry errors print the Danish and English message to stderr
and exit with status 2 (``CommandError``); nothing is stored.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rodloeber.domain.screening import GeometryError
from rodloeber.layers.screening_service import (
    extract_geometry,
    parse_json,
    screen_geojson,
    screening_index,
)


class Command(BaseCommand):
    help = "Screen a GeoJSON area (EPSG:4326) against § 13 and print the report as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="GeoJSON file, or - for standard input")
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Screen every feature of a FeatureCollection; print a list of reports.",
        )
        parser.add_argument("--lang", choices=("da", "en"), default="da", help="Error language.")
        parser.add_argument("--compact", action="store_true", help="One-line JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        english = options["lang"] == "en"
        source = options["file"]
        try:
            raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        except OSError as exc:
            raise CommandError(f"{source}: {exc.strerror}", returncode=2) from exc
        try:
            data = parse_json(raw)
            if options["batch"]:
                result: object = self._batch(data)
            else:
                result = screen_geojson(extract_geometry(data)).to_dict()
        except GeometryError as exc:
            message = exc.message_en if english else exc.message_da
            raise CommandError(f"{exc.code}: {message}", returncode=2) from exc
        indent = None if options["compact"] else 2
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=indent))

    def _batch(self, data: object) -> list[dict[str, object]]:
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise GeometryError(
                "not_feature_collection",
                "--batch kræver en GeoJSON FeatureCollection.",
                "--batch needs a GeoJSON FeatureCollection.",
            )
        index = screening_index()
        out: list[dict[str, object]] = []
        for i, feature in enumerate(data.get("features") or []):
            geometry = feature.get("geometry") if isinstance(feature, dict) else None
            props = feature.get("properties") if isinstance(feature, dict) else None
            entry: dict[str, object] = {"feature": i, "properties": props or {}}
            try:
                entry["report"] = screen_geojson(geometry, index=index).to_dict()
            except GeometryError as exc:
                entry["error"] = exc.to_dict()
            out.append(entry)
        return out
