"""Write services for reference layers (one per action, one audit event each).

``layer_import`` (a file), ``layer_fetch`` (an official endpoint),
``layers_bootstrap`` (bundled + synthetic, idempotent) and
``layers_generate`` (synthetic with a seed). Files are read and checked
completely before anything is written; the registry row, the audit event
and the file swap happen in one transaction.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from rodloeber.audit.services import record_event
from rodloeber.domain.geodata.synthetic import generator
from rodloeber.domain.geodata.synthetic.context import LandContext
from rodloeber.domain.geodata.validate import ImportLimits, RepairReport
from rodloeber.layers import bundled, fetch
from rodloeber.layers.catalogue import (
    BUILDER_VERSION,
    BUNDLED,
    SYNTHETIC_NAMES,
    LayerSpec,
    synthetic_spec,
)
from rodloeber.layers.errors import LayerError
from rodloeber.layers.models import Layer, Theme
from rodloeber.layers.paths import check_name
from rodloeber.layers.pipeline import prepare
from rodloeber.layers.prepared_index import ensure_indexes
from rodloeber.layers.prepared_index import is_current as is_index_current
from rodloeber.layers.progress import bar, steps
from rodloeber.layers.readers import read_any
from rodloeber.layers.screening_service import SCREENING_LAYERS
from rodloeber.layers.staging import Staged, commit, inputs_digest, is_current, publish, stage

if TYPE_CHECKING:
    from rodloeber.accounts.models import User

logger = logging.getLogger(__name__)

OFFICIAL_PREFIXES = ("import:", "fetch:")


@dataclass(frozen=True)
class ImportResult:
    layer: Layer
    report: RepairReport


@dataclass
class BootstrapResult:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    kept_official: list[str] = field(default_factory=list)
    indexed: list[str] = field(default_factory=list)  # prepared screening indexes written


def _known_spec(name: str) -> LayerSpec | None:
    for spec in BUNDLED:
        if spec.name == name:
            return spec
    return synthetic_spec(name, 0) if name in SYNTHETIC_NAMES else None


def _commit_one(
    staged: Staged, *, actor: User | None, action: str, extra: dict[str, object]
) -> Layer:
    try:
        with transaction.atomic():
            layer = commit(staged)
            record_event(
                action=action,
                actor=actor,
                subject=layer,
                after={
                    "name": layer.name,
                    "source": layer.source,
                    "version": layer.version,
                    "synthetic": layer.synthetic,
                    "feature_count": layer.feature_count,
                    "checksum": layer.checksum,
                    "repair": staged.report,
                    **extra,
                },
            )
            publish(staged)  # last: a failure above leaves the old file in place
    finally:
        staged.discard()
    _write_indexes([layer.name])
    return layer


def _write_indexes(names: list[str] | tuple[str, ...], *, force: bool = True) -> list[str]:
    """Write the prepared screening indexes of ``names`` after their files are published.

    A derived file (like a tile cache), so no audit event; a failure only logs:
    screening then builds that layer in memory until ``layers index`` is run.
    """
    wanted = [n for n in names if n in SCREENING_LAYERS]
    try:
        return ensure_indexes(wanted, force=force)
    except Exception:
        logger.exception("prepared screening indexes for %s not written", ", ".join(wanted))
        return []


def layer_import(
    *,
    actor: User | None,
    path: Path,
    name: str,
    source: str,
    licence: str,
    attribution: str = "",
    version: str = "",
    title_da: str = "",
    title_en: str = "",
    theme: str = "",
    source_layer: str | None = None,
    read_layer: str | None = None,
    synthetic: bool = False,
    force_repair: bool = False,
    subdivide_max_vertices: int | None = 256,
    limits: ImportLimits | None = None,
    progress: bool = False,
    _action: str = "layer.import",
) -> ImportResult:
    """Import a GeoJSON, GeoPackage, GML 3.2 or zipped Shapefile as layer ``name``.

    Replaces an existing layer of that name only when the new file passed
    every check. Official field names are kept; ``rl_fid`` numbers features.
    ``source_layer`` (a WFS type name such as ``dai:bes_naturtyper``) is
    recorded and, unless ``read_layer`` says otherwise, chosen in the file.
    """
    check_name(name)
    if not source.strip() or not licence.strip():
        raise LayerError(
            "provenance_required",
            "Angiv kilde (--source) og licens (--licence): de vises på alle kort og rapporter.",
            "Give the source (--source) and licence (--licence): every map and report shows them.",
        )
    known = _known_spec(name)
    with bar(desc=f"importér {name}", total=3, unit="trin", enabled=progress) as pbar:
        table = read_any(path, layer=read_layer or source_layer)
        pbar.update(1)
        table, report = prepare(
            table,
            limits=limits,
            force_repair=force_repair,
            subdivide_max_vertices=subdivide_max_vertices,
        )
        pbar.update(1)
        spec = LayerSpec(
            name=name,
            title_da=title_da or (known.title_da if known else name),
            title_en=title_en or (known.title_en if known else name),
            theme=theme or (known.theme if known else Theme.PLANNING),
            source=source.strip(),
            source_layer=source_layer or "",
            version=version or path.name,
            licence=licence.strip(),
            attribution=attribution.strip() or source.strip(),
            synthetic=synthetic,
        )
        staged = stage(spec, table, report, recipe=f"{_action.split('.')[1]}:{path.name}"[:200])
        pbar.update(1)
    layer = _commit_one(staged, actor=actor, action=_action, extra={"file": path.name})
    return ImportResult(layer, report)


def layer_fetch(
    *,
    actor: User | None,
    name: str,
    url: str | None = None,
    typename: str | None = None,
    page_size: int | None = None,
    progress: bool = False,
) -> ImportResult:
    """Download ``name`` from its official endpoint and import it (replacing synthetic data)."""
    ep = fetch.endpoint(name)
    with tempfile.TemporaryDirectory(prefix="rl-fetch-") as tmp:
        dest = Path(tmp) / f"{name}.geojson"
        fetch.download(ep, dest, url=url, typename=typename, page_size=page_size, progress=progress)
        result = layer_import(
            actor=actor,
            path=dest,
            name=name,
            source=url or ep.url,
            source_layer=typename or ep.typename,
            read_layer=None,
            licence=ep.licence,
            attribution=ep.attribution,
            title_da=ep.title_da,
            title_en=ep.title_en,
            theme=ep.theme,
            progress=progress,
            _action="layer.fetch",
        )
    return result


def _bundled_recipe(spec: LayerSpec) -> str:
    digest = inputs_digest([bundled.DATA_DIR / f for f in spec.inputs])
    return f"bundled:v{BUILDER_VERSION}:{digest}"


def _synthetic_recipe(seed: int) -> str:
    digest = inputs_digest([bundled.DATA_DIR / f for f in ("kommuner.geojson", "towns.csv")])
    return f"synthetic:v{generator.GENERATOR_VERSION}:seed{seed}:{digest}"


def _same_generator(stored: str, wanted: str) -> bool:
    """Same generator version and inputs, any seed (``synthetic:vN:seedS:digest``)."""
    a, b = stored.split(":"), wanted.split(":")
    return len(a) == len(b) == 4 and a[:2] == b[:2] and a[3] == b[3]


def _build_synthetic(name: str, ctx: LandContext, seed: int) -> Staged:
    spec = synthetic_spec(name, seed)
    table = generator.generate(name, ctx, seed)
    table, report = prepare(table, subdivide_max_vertices=spec.subdivide)
    return stage(spec, table, report, _synthetic_recipe(seed))


def _commit_many(
    staged: list[Staged], *, actor: User | None, action: str, extra: dict[str, object]
) -> list[Layer]:
    try:
        with transaction.atomic():
            layers = [commit(s) for s in staged]
            record_event(
                action=action,
                actor=actor,
                subject_type="layers.layer",
                subject_id=f"batch of {len(staged)}",
                after={"layers": {s.spec.name: s.features for s in staged}, **extra},
            )
            for s in staged:
                publish(s)  # last: a failure above leaves the old files in place
    finally:
        for s in staged:
            s.discard()
    _write_indexes([s.spec.name for s in staged])
    return layers


def layers_bootstrap(
    *, actor: User | None, seed: int | None = None, progress: bool = False
) -> BootstrapResult:
    """Build every bundled and synthetic layer that is missing or out of date.

    Idempotent: layers built from the same inputs are skipped (no event), and
    layers imported or fetched from official sources are never overwritten.
    Without ``seed``, synthetic layers made by this generator version from
    the same inputs are kept whatever their seed (``layers generate --seed``
    sticks); missing ones are built with the default seed.
    """
    result = BootstrapResult()
    existing = {layer.name: layer for layer in Layer.objects.all()}
    todo: list[tuple[str, LayerSpec | None]] = []
    for spec in BUNDLED:
        _plan(result, todo, existing.get(spec.name), spec.name, _bundled_recipe(spec), spec)
    build_seed = generator.DEFAULT_SEED if seed is None else seed
    for name in SYNTHETIC_NAMES:
        layer = existing.get(name)
        recipe = _synthetic_recipe(build_seed)
        if seed is None and layer is not None and _same_generator(layer.recipe, recipe):
            recipe = layer.recipe
        _plan(result, todo, layer, name, recipe, None)
    seed = build_seed
    if not todo:
        result.indexed = _ensure_prepared()
        return result
    staged: list[Staged] = []
    ctx: LandContext | None = None
    try:
        for name, todo_spec in steps(todo, desc="referencelag", enabled=progress):
            if todo_spec is not None:
                assert todo_spec.build is not None
                built = todo_spec.build()
                table, report = prepare(built, subdivide_max_vertices=todo_spec.subdivide)
                staged.append(stage(todo_spec, table, report, _bundled_recipe(todo_spec)))
            else:
                ctx = ctx or bundled.synthetic_context()
                staged.append(_build_synthetic(name, ctx, seed))
    except BaseException:
        for s in staged:
            s.discard()
        raise
    _commit_many(staged, actor=actor, action="layer.bootstrap", extra={"seed": seed})
    result.built = [s.spec.name for s in staged]
    # _commit_many wrote the built layers' indexes; count those, then fill any other gap
    written = [n for n in result.built if n in SCREENING_LAYERS and is_index_current(n)]
    result.indexed = written + _ensure_prepared()
    return result


def _ensure_prepared() -> list[str]:
    """Prepared indexes for every built screening layer that lacks a current one."""
    return _write_indexes(SCREENING_LAYERS, force=False)


def _plan(
    result: BootstrapResult,
    todo: list[tuple[str, LayerSpec | None]],
    layer: Layer | None,
    name: str,
    recipe: str,
    spec: LayerSpec | None,
) -> None:
    if layer is not None and layer.recipe.startswith(OFFICIAL_PREFIXES):
        result.kept_official.append(name)
    elif is_current(layer, recipe):
        result.skipped.append(name)
    else:
        todo.append((name, spec))


def layers_generate(
    *,
    actor: User | None,
    seed: int,
    names: list[str] | None = None,
    progress: bool = False,
) -> list[Layer]:
    """(Re)generate synthetic layers with ``seed``; official imports are left alone."""
    wanted = names or list(SYNTHETIC_NAMES)
    unknown = [n for n in wanted if n not in SYNTHETIC_NAMES]
    if unknown:
        raise LayerError(
            "not_synthetic",
            f"Ikke et syntetisk lag: {', '.join(unknown)}.",
            f"Not a synthetic layer: {', '.join(unknown)}.",
        )
    official = set(
        Layer.objects.filter(name__in=wanted).exclude(synthetic=True).values_list("name", flat=True)
    )
    ctx = bundled.synthetic_context()
    staged: list[Staged] = []
    try:
        for name in steps(
            [n for n in wanted if n not in official], desc="generér", enabled=progress
        ):
            staged.append(_build_synthetic(name, ctx, seed))
    except BaseException:
        for s in staged:
            s.discard()
        raise
    if not staged:
        return []
    return _commit_many(staged, actor=actor, action="layer.generate", extra={"seed": seed})
