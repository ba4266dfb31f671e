"""Research exports: one row per article with provenance, a datasheet and a checksum manifest.

Formats: JSON lines, CSV (lists as JSON text), Parquet (pyarrow, lists as list columns) and WARC
(warcio: the request and the response each article was extracted from). The
output folder also gets ``README.md`` (a datasheet: what, when, which outlets, counts, fields,
classifier version and its measured precision / recall, the filters used) and ``MANIFEST``,
which ``sha256sum -c MANIFEST`` checks.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.store.filters import article_conditions

FORMATS = ("jsonl", "csv", "parquet", "warc")
LIST_FIELDS = ("authors", "partners", "topics")
FIELDS: dict[str, str] = {
    "url": "the article's URL as fetched",
    "canonical_url": "the URL it is known by (https, lower-case host; tracking parameters, "
    "www./m./amp removed); `url` is the address fetched",
    "outlet": "outlet key (seeds/<outlet>.yaml)",
    "title": "headline, canonical Unicode form",
    "published": "publication time, ISO 8601 with the outlet's offset",
    "modified": "last update shown by the outlet, if any",
    "authors": "bylines or desk names",
    "section": "the outlet's section, if given",
    "text": "the story's text, boilerplate removed, canonical Unicode form (NFC)",
    "language": "language code (bn)",
    "cluster_id": "syndication cluster: copies of one story share it",
    "duplicate_of": "canonical_url of the cluster's earliest copy, when this row is a copy",
    "relevant": "classifier label: Russia's military ties (1) or not (0)",
    "score": "classifier score, 0-1 (calibrated)",
    "partners": "partner states or groups named in the relation",
    "topics": "relation topics (meeting, arms, exercise, ...)",
    "evidence": "the sentence that best shows the relation",
    "review_decision": "latest human decision (relevant / irrelevant), if reviewed; a "
    "syndicated copy carries its canonical story's unless reviewed itself",
    "reviewer": "who made it",
    "reviewed_at": "when",
    "fetched_at": "crawl time (UTC)",
    "extraction_version": "extractor version that produced title and text",
    "model_version": "classifier version that produced the relevance fields (`@T` appended when a "
    "threshold T other than the model's own decided `relevant`)",
    "content_hash": "SHA-1 of the normalised text (exact-duplicate check)",
}


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # published on or after (YYYY-MM-DD)
    until: str | None = None  # published on or before
    outlet: str | None = None
    partner: str | None = None
    reviewed_only: bool = False
    include_duplicates: bool = False


def _query(filters: Filters) -> tuple[str, list[Any]]:
    where, params = article_conditions(
        outlet=filters.outlet, partner=filters.partner, since=filters.since, until=filters.until
    )
    where.insert(0, "1 = 1")
    if not filters.include_duplicates:
        where.append("a.duplicate_of is null")
    if filters.reviewed_only:
        where.append("coalesce(own.decision, story.decision) is not null")
    columns = ", ".join(f"a.{f}" for f in FIELDS if not f.startswith(("review", "reviewer")))
    # A syndicated copy carries the decision on its cluster's canonical story (the queue shows
    # a story once), unless the copy itself was reviewed.
    sql = f"""
        with latest as (
            select canonical_url, decision, reviewer, decided_at from reviews r1
            where id = (select max(id) from reviews r2 where r2.canonical_url = r1.canonical_url
                        and r2.decision in ('relevant', 'irrelevant'))
        )
        select {columns}, coalesce(own.decision, story.decision) as review_decision,
               iif(own.decision is null, story.reviewer, own.reviewer) as reviewer,
               iif(own.decision is null, story.decided_at, own.decided_at) as reviewed_at
        from articles a
        left join latest own on own.canonical_url = a.canonical_url
        left join latest story on story.canonical_url = a.duplicate_of
        where {" and ".join(where)}
        order by a.published, a.canonical_url"""
    return sql, params


def rows(db: sqlite_utils.Database, filters: Filters) -> Iterator[dict[str, Any]]:
    sql, params = _query(filters)
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        for field in LIST_FIELDS:
            row[field] = json.loads(row[field]) if row[field] else []
        yield {field: row[field] for field in FIELDS}


def _write_jsonl(path: Path, items: Iterator[dict[str, Any]], tick: Callable[[], None]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in items:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
            tick()
    return count


def _write_csv(path: Path, items: Iterator[dict[str, Any]], tick: Callable[[], None]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(FIELDS))
        writer.writeheader()
        for row in items:
            writer.writerow(
                {
                    k: json.dumps(v, ensure_ascii=False) if k in LIST_FIELDS else v
                    for k, v in row.items()
                }
            )
            count += 1
            tick()
    return count


def _write_parquet(path: Path, items: Iterator[dict[str, Any]], tick: Callable[[], None]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {f: pa.list_(pa.string()) for f in LIST_FIELDS}
    types.update({"relevant": pa.int8(), "score": pa.float64()})
    schema = pa.schema([(f, types.get(f, pa.string())) for f in FIELDS])
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in items:
            batch.append(row)
            count += 1
            tick()
            if len(batch) == 1000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


# Scrapy hands over decompressed bodies: these headers would make WARC readers decode again.
_HOP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def write_warc(
    db: sqlite_utils.Database, path: Path, items: Iterator[dict[str, Any]], tick: Callable[[], None]
) -> int:
    """Each article's request and response (as received, bodies decompressed) as WARC records."""
    from urllib.parse import urlsplit

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    count = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(
            writer.create_warcinfo_record(
                path.name,
                {
                    "software": "Prohori",
                    "format": "WARC File Format 1.1",
                    "description": "Responses the exported articles were extracted from",
                },
            )
        )
        for row in items:
            raw = db.execute(
                "select url, status, request_headers, response_headers, body,"
                " fetched_at from raw_pages where canonical_url = ?",
                [row["canonical_url"]],
            ).fetchone()
            tick()
            if raw is None:
                continue  # stored before raw pages were kept
            url, status, request_headers, response_headers, body, fetched = raw
            payload = zlib.decompress(body)
            headers = [
                (k, v) for k, v in json.loads(response_headers) if k.lower() not in _HOP_HEADERS
            ]
            headers.append(("Content-Length", str(len(payload))))
            date = (fetched or "").replace("+00:00", "Z")
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),  # known lengths: warcio does not spool to temp files
                warc_headers_dict={"WARC-Date": date},
                http_headers=StatusAndHeaders(
                    f"{status} {'OK' if status == 200 else ''}".strip(),
                    headers,
                    protocol="HTTP/1.1",
                ),
            )
            parts = urlsplit(url)
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                warc_headers_dict={"WARC-Date": date},
                http_headers=StatusAndHeaders(
                    f"GET {parts.path or '/'}{'?' + parts.query if parts.query else ''} HTTP/1.1",
                    [("Host", parts.netloc), *json.loads(request_headers)],
                    is_http_request=True,
                ),
            )
            request.rec_headers.add_header(
                "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
            )
            writer.write_record(response)
            writer.write_record(request)
            count += 1
    return count


WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}


def _metrics(version: str, metrics: Any, threshold: float) -> str:
    m = json.loads(metrics) if isinstance(metrics, str) else metrics
    return (
        f"{version}: cross-validated precision {m['cv_precision']}, recall "
        f"{m['cv_recall']} on {m['examples']} labelled items ({m['positives']} relevant), "
        f"threshold {threshold}"
    )


def _shipped_metrics() -> str:
    from crawler.classify.model import default_model

    model = default_model()
    return _metrics(model.version, model.metrics, model.threshold)


def _datasheet(db: sqlite_utils.Database, name: str, fmt: str, count: int, filters: Filters) -> str:
    sql, params = _query(filters)
    summary = db.execute(
        f"select outlet, count(*), sum(relevant), min(published), max(published),"
        f" count(review_decision), max(model_version), max(extraction_version)"
        f" from ({sql}) group by outlet",
        params,
    ).fetchall()
    model = (
        db.execute(
            "select version, metrics, threshold from models order by trained_at desc limit 1"
        ).fetchone()
        if "models" in db.table_names()
        else None
    )
    versions = {
        v for (v,) in db.execute(f"select distinct model_version from ({sql})", params) if v
    }
    lines = [
        "# Prohori corpus export",
        "",
        f"Bengali news stories crawled by Prohori, exported on "
        f"{datetime.now(UTC).isoformat(timespec='seconds')} as `{name}` ({fmt}, {count} rows).",
        "Each row is one article; copies of a syndicated story share `cluster_id`"
        + (
            " and are included"
            if filters.include_duplicates
            else "; only each cluster's earliest copy is included (use --include-duplicates)"
        )
        + ".",
        "",
        "## Filters",
        "",
        *(f"- {k}: {v}" for k, v in vars(filters).items() if v not in (None, False)),
        "- (none)" if not any(v not in (None, False) for v in vars(filters).values()) else "",
        "",
        "## Outlets",
        "",
        "| outlet | rows | flagged | reviewed | first published | last published |",
        "|---|---|---|---|---|---|",
        *(
            f"| {o} | {n} | {f or 0} | {rv} | {lo or ''} | {hi or ''} |"
            for o, n, f, lo, hi, rv, _, _ in summary
        ),
        "",
        "## Classifier",
        "",
        f"Model versions in these rows: {', '.join(sorted(versions)) or 'none'}.",
        (
            f"Newest model trained on this database: {_metrics(model[0], model[1], model[2])}."
            if model
            else f"Shipped model {_shipped_metrics()}; the labelled set and how it was made: "
            "`crawler/classify/data/README.md`; `benchmarks/classifier.py` measures it."
        ),
        "",
        "## Fields",
        "",
        "| field | meaning |",
        "|---|---|",
        *(f"| `{f}` | {meaning} |" for f, meaning in FIELDS.items()),
        "",
        "## Provenance",
        "",
        "Texts are the publishers' copyright; the crawl obeyed robots.txt. `MANIFEST` lists the "
        "SHA-256 of every file here (`sha256sum -c MANIFEST`).",
        "",
    ]
    return "\n".join(lines)


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
    (out / "README.md").write_text(_datasheet(db, name, fmt, count, filters), encoding="utf-8")
    manifest = []
    for path in sorted([out / name, out / "README.md"]):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        manifest.append(f"{digest}  {path.name}")
    (out / "MANIFEST").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return out / name, count
