"""Research exports: one row per article with provenance, a datasheet and a checksum manifest.

Formats: JSON lines, CSV (lists as JSON text), Parquet (pyarrow, lists as list columns) and WARC
(warcio: the request and the response each article was extracted from). The
output folder also gets ``README.md`` (a datasheet: what, when, which outlets, counts, fields,
classifier version and its measured precision / recall, the filters used) and ``MANIFEST``,
which ``sha256sum -c MANIFEST`` checks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from crawler.export.datasheet import datasheet
from crawler.export.formats import WRITERS, write_warc
from crawler.export.rows import FIELDS, Filters, rows

FORMATS = ("jsonl", "csv", "parquet", "warc")
__all__ = ["FIELDS", "FORMATS", "ExportError", "Filters", "export", "rows"]


class ExportError(ValueError):
    """The output folder cannot take this export."""


def _clear(out: Path, overwrite: bool) -> None:
    """Make ``out`` an empty folder. A non-empty one is refused unless ``overwrite`` and all
    it holds is an earlier export (the files its MANIFEST lists, and MANIFEST): mixing two
    exports would leave a datasheet and checksums that describe neither."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file; --out takes a folder")
    present = sorted(p.name for p in out.iterdir()) if out.exists() else []
    if not present:
        return
    if not overwrite:
        raise ExportError(
            f"{out} is not empty ({', '.join(present[:5])}{' ...' if len(present) > 5 else ''}): "
            "choose a new folder, or --overwrite to replace an earlier export there"
        )
    manifest = out / "MANIFEST"
    listed = (
        {
            line.split("  ", 1)[1]
            for line in manifest.read_text("utf-8").splitlines()
            if "  " in line
        }
        if manifest.is_file()
        else set()
    )
    foreign = [name for name in present if name not in listed | {"MANIFEST"}]
    if foreign:
        raise ExportError(
            f"{out} holds files that are not an earlier export's ({', '.join(foreign[:5])}): "
            "choose a new folder"
        )
    for name in present:
        (out / name).unlink()


def export(
    db: sqlite_utils.Database,
    fmt: str,
    out: Path,
    filters: Filters,
    tick: Callable[[], None] = lambda: None,
    overwrite: bool = False,
) -> tuple[Path, int]:
    """Write the rows, the datasheet and the manifest into ``out``; returns the data file."""
    _clear(out, overwrite)
    out.mkdir(parents=True, exist_ok=True)
    name = "articles.warc.gz" if fmt == "warc" else f"articles.{fmt}"
    if fmt == "warc":
        count = write_warc(db, out / name, rows(db, filters), tick)
    else:
        count = WRITERS[fmt](out / name, rows(db, filters), tick)
    (out / "README.md").write_text(datasheet(db, name, fmt, count, filters), encoding="utf-8")
    manifest = []
    for path in sorted([out / name, out / "README.md"]):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest.append(f"{digest}  {path.name}")
    (out / "MANIFEST").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return out / name, count
