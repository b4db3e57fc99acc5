"""Stage and commit layer files (klargøring): write a temp file first, swap in last.

A staged layer is a complete GeoPackage beside its final path. Committing
upserts the registry row and renames the file *inside* the caller's
transaction, as its last step, so a failure anywhere leaves the old layer
(file and row) untouched.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from rodloeber.domain.geodata.table import FeatureTable
from rodloeber.domain.geodata.validate import RepairReport
from rodloeber.layers.catalogue import LayerSpec
from rodloeber.layers.models import Layer
from rodloeber.layers.paths import layer_path, layers_dir
from rodloeber.layers.pipeline import bbox, feature_count
from rodloeber.layers.storage import file_sha256, geometry_type, write_gpkg


@dataclass
class Staged:
    spec: LayerSpec
    recipe: str
    tmp: Path
    checksum: str
    size: int
    features: int
    parts: int
    geometry_type: str
    bbox: list[float]
    report: dict[str, object] = field(default_factory=dict)

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def provenance_dict(spec: LayerSpec) -> dict[str, object]:
    return {
        "name": spec.name,
        "title_da": spec.title_da,
        "title_en": spec.title_en,
        "source": spec.source + (f" ({spec.source_layer})" if spec.source_layer else ""),
        "version": spec.version,
        "licence": spec.licence,
        "attribution": spec.attribution,
        "synthetic": spec.synthetic,
        "accuracy_note": spec.accuracy_note,
    }


def stage(spec: LayerSpec, table: FeatureTable, report: RepairReport, recipe: str) -> Staged:
    """Write ``table`` to a temporary GeoPackage next to the layer's final path."""
    directory = layers_dir()
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f".{spec.name}.{uuid.uuid4().hex[:8]}.tmp.gpkg"
    try:
        write_gpkg(table, tmp, layer=spec.name, provenance=provenance_dict(spec))
        gtype, _ = geometry_type(table.geometries)
        return Staged(
            spec=spec,
            recipe=recipe,
            tmp=tmp,
            checksum=file_sha256(tmp),
            size=tmp.stat().st_size,
            features=feature_count(table),
            parts=len(table),
            geometry_type=gtype,
            bbox=bbox(table),
            report=report.to_dict(),
        )
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def commit(staged: Staged) -> Layer:
    """Upsert the registry row (call inside ``atomic``); :func:`publish` moves the file.

    The file is moved only as the last step of the transaction (after the audit
    event), so a failure before it leaves the old file and the old row.
    """
    spec = staged.spec
    values = {
        "title_da": spec.title_da,
        "title_en": spec.title_en,
        "theme": spec.theme,
        "source": spec.source,
        "source_layer": spec.source_layer,
        "version": spec.version,
        "licence": spec.licence,
        "attribution": spec.attribution,
        "accuracy_note": spec.accuracy_note,
        "synthetic": spec.synthetic,
        "feature_count": staged.features,
        "part_count": staged.parts,
        "geometry_type": staged.geometry_type,
        "bbox": staged.bbox,
        "checksum": staged.checksum,
        "file_size": staged.size,
        "recipe": staged.recipe,
        "repair_report": staged.report,
    }
    layer, _ = Layer.objects.update_or_create(name=spec.name, defaults=values)
    return layer


def publish(staged: Staged) -> None:
    """Move the staged file into place (the last step inside the transaction)."""
    os.replace(staged.tmp, layer_path(staged.spec.name))


def inputs_digest(paths: list[Path]) -> str:
    """A short digest over input files (what a built layer was made from)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(file_sha256(path).encode())
    return h.hexdigest()[:16]


def is_current(layer: Layer | None, recipe: str) -> bool:
    """True when the stored layer was built by ``recipe`` and its file is intact (by size)."""
    if layer is None or layer.recipe != recipe:
        return False
    path = layer_path(layer.name)
    return path.is_file() and path.stat().st_size == layer.file_size
