"""Research exports: one row per article with provenance, the review decisions with their
notes, a datasheet, a Frictionless data package, the citation and a checksum manifest.

Formats: JSON lines, CSV (lists as JSON text; ``--excel`` adds a byte-order mark), Parquet
(pyarrow: timestamps, booleans, list columns), WARC (warcio: the request and the response each
article was extracted from) and WACZ (that WARC with its index and pages list, for
ReplayWeb.page). The folder also gets ``README.md`` (a datasheet following "Datasheets for
Datasets"), ``datapackage.json``, ``relevance-guideline.md`` (the definition the labels follow),
``CITATION.cff`` and ``MANIFEST``, which ``sha256sum -c MANIFEST`` checks.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from crawler.export import package
from crawler.export.datasheet import datasheet
from crawler.export.formats import WRITERS, Layout, write_warc
from crawler.export.provenance import CITATION, GUIDELINE, collect, software
from crawler.export.reviews import REVIEW_FIELDS, REVIEW_TYPES, decisions, pseudonymiser
from crawler.export.rows import FIELDS, TYPES, Filters, Options, fields, rows

FORMATS = ("jsonl", "csv", "parquet", "warc", "wacz")
ROW_FORMATS = ("jsonl", "csv", "parquet")
__all__ = ["FIELDS", "FORMATS", "ExportError", "Filters", "Options", "export", "rows"]


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


def check_options(fmt: str, options: Options) -> None:
    """Refuse options that do not apply to the format (raises ExportError)."""
    if options.no_text and fmt not in ROW_FORMATS:
        raise ExportError(
            f"--no-text leaves out the article text, but a {fmt.upper()} file is the archived "
            "pages themselves: use --format jsonl, csv or parquet"
        )
    if options.excel and fmt in ("jsonl", "parquet"):
        raise ExportError(f"--excel changes CSV files only; --format {fmt} writes none")


def _listing(data: str, reviews: str, fmt: str) -> list[tuple[str, str]]:
    what = "the articles, one row each" if fmt in ROW_FORMATS else "the archived pages"
    return [
        (data, what),
        (reviews, "the review decisions with their notes"),
        ("README.md", "this datasheet"),
        ("datapackage.json", "the Frictionless data package: every file, field and type"),
        ("relevance-guideline.md", "what counts as a relevant story (the full definition)"),
        ("CITATION.cff", "how to cite the software and this corpus"),
        ("MANIFEST", "the SHA-256 of every other file (`sha256sum -c MANIFEST`)"),
    ]


def export(
    db: sqlite_utils.Database,
    fmt: str,
    out: Path,
    filters: Filters,
    tick: Callable[[], None] = lambda: None,
    overwrite: bool = False,
    options: Options | None = None,
) -> tuple[Path, int]:
    """Write the export into ``out``; returns the data file and how many articles it holds.
    With ``options.pseudonymise`` the database must hold the pseudonym key
    (``reviews.ensure_key``, written before the read snapshot)."""
    options = options or Options()
    check_options(fmt, options)
    _clear(out, overwrite)
    out.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC)
    reviewer = pseudonymiser(db) if options.pseudonymise else (lambda name: name)
    zones = dict(db.execute("select key, timezone from outlets").fetchall())
    items = rows(db, filters, options, reviewer)
    if fmt in ROW_FORMATS:
        data = out / f"articles.{fmt}"
        layout = Layout(fields(options.no_text), TYPES, options.excel, zones)
        count = WRITERS[fmt](data, items, layout, tick)
    elif fmt == "warc":
        data = out / "articles.warc.gz"
        count = write_warc(db, data, items, tick)
    else:
        from crawler.export.wacz import write_wacz

        data = out / "articles.wacz"
        count = write_wacz(db, data, items, tick, "Prohori corpus export")
    review_fmt = fmt if fmt in ROW_FORMATS else "csv"
    reviews = out / f"reviews.{review_fmt}"
    WRITERS[review_fmt](
        reviews,
        decisions(db, filters, reviewer),
        Layout(list(REVIEW_FIELDS), REVIEW_TYPES, options.excel, zones),
        lambda: None,
    )
    shutil.copyfile(GUIDELINE, out / "relevance-guideline.md")
    shutil.copyfile(CITATION, out / "CITATION.cff")
    facts = collect(db, filters)
    made_by = software()
    listing = _listing(data.name, reviews.name, fmt)
    names = {"data": data.name, "reviews": reviews.name}
    (out / "README.md").write_text(
        datasheet(db, names, listing, fmt, count, filters, options, facts, made_by, created),
        encoding="utf-8",
    )
    package.write(
        out / "datapackage.json",
        package.descriptor(
            out, data, fmt, reviews, fields(options.no_text), filters, facts, made_by, created,
            options.excel,
        ),
    )  # fmt: skip
    manifest = []
    for path in sorted(p for p in out.iterdir() if p.name != "MANIFEST"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest.append(f"{digest}  {path.name}")
    (out / "MANIFEST").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return data, count
