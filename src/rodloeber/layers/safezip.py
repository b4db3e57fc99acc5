"""Safe extraction of zipped Shapefiles (sikker udpakning).

Refuses zip slip (``../`` or absolute names), symbolic links, encrypted
entries, too many entries and zip bombs (declared or actual uncompressed
size too large, or an extreme compression ratio). Only Shapefile parts are
extracted, flat, into a directory the caller owns.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from rodloeber.domain.geodata.errors import GeodataError

SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"}


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 200
    max_total_bytes: int = 2 * 1024**3
    max_ratio: float = 200.0
    ratio_applies_above: int = 10 * 1024**2


def _bomb(detail_da: str, detail_en: str) -> GeodataError:
    return GeodataError(
        "zip_bomb",
        f"ZIP-filen afvises som mulig zip-bombe: {detail_da}.",
        f"The ZIP file is refused as a possible zip bomb: {detail_en}.",
    )


def _check_entry(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in parts:
        raise GeodataError(
            "zip_slip",
            f"ZIP-filen indeholder en farlig sti ('{info.filename[:80]}'), der peger ud af mappen.",
            f"The ZIP file contains a dangerous path ('{info.filename[:80]}') leading outside "
            "its folder.",
        )
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise GeodataError(
            "zip_symlink",
            f"ZIP-filen indeholder en symbolsk henvisning ('{info.filename[:80]}'); "
            "det tillades ikke.",
            f"The ZIP file contains a symbolic link ('{info.filename[:80]}'); that is not allowed.",
        )
    if info.flag_bits & 0x1:
        raise GeodataError(
            "zip_encrypted",
            "ZIP-filen er krypteret.",
            "The ZIP file is encrypted.",
        )
    if info.file_size > limits.ratio_applies_above and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        ratio = info.file_size // max(info.compress_size, 1)
        raise _bomb(
            f"'{info.filename[:60]}' pakkes {ratio} gange ud",
            f"'{info.filename[:60]}' expands {ratio} times",
        )


def extract_shapefile(archive: Path, target: Path, limits: ZipLimits | None = None) -> list[Path]:
    """Check every entry, then extract the Shapefile parts flat into ``target``."""
    limits = limits or ZipLimits()
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile as exc:
        raise GeodataError(
            "zip_invalid", "Filen er ikke en gyldig ZIP-fil.", "The file is not a valid ZIP file."
        ) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise _bomb(f"{len(infos)} filer", f"{len(infos)} entries")
        for info in infos:
            _check_entry(info, limits)
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_total_bytes:
            raise _bomb(f"{declared} byte udpakket", f"{declared} bytes uncompressed")
        written = 0
        out: list[Path] = []
        for info in infos:
            if info.is_dir():
                continue
            base = PurePosixPath(info.filename.replace("\\", "/")).name
            if PurePosixPath(base).suffix.lower() not in SHAPEFILE_PARTS or base.startswith("."):
                continue
            dest = target / base
            if dest.exists():
                raise GeodataError(
                    "zip_duplicate",
                    f"ZIP-filen indeholder '{base}' flere gange.",
                    f"The ZIP file contains '{base}' more than once.",
                )
            with zf.open(info) as src, dest.open("wb") as fh:
                while block := src.read(1 << 20):
                    written += len(block)
                    if written > limits.max_total_bytes:
                        raise _bomb("for mange byte ved udpakning", "too many bytes when extracted")
                    fh.write(block)
            out.append(dest)
    return out
