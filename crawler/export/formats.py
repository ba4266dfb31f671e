"""The file formats: JSON lines, CSV, Parquet (pyarrow) and WARC (warcio) of the raw pages.

Types follow each format's own: JSON has true/false and lists; CSV is UTF-8 (with a byte-order
mark when it is for Excel, which otherwise reads UTF-8 as the local code page), with booleans
as ``true``/``false`` and lists as JSON text; Parquet stores times as timestamps (UTC instants),
booleans as booleans and lists as lists.
"""

from __future__ import annotations

import csv
import io
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlite_utils

Rows = Iterator[dict[str, Any]]


@dataclass(frozen=True)
class Layout:
    """What one file holds: its fields in order and their Table Schema types (else string)."""

    fields: list[str]
    types: dict[str, str]
    excel: bool = False  # CSV only: a byte-order mark first
    zones: dict[str, str] | None = None  # outlet -> time zone, for times without an offset


def _write_jsonl(path: Path, items: Rows, layout: Layout, tick: Callable[[], None]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in items:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
            tick()
    return count


def _cell(value: Any, kind: str) -> Any:
    if kind == "array":
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(path: Path, items: Rows, layout: Layout, tick: Callable[[], None]) -> int:
    count = 0
    encoding = "utf-8-sig" if layout.excel else "utf-8"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=layout.fields)
        writer.writeheader()
        for row in items:
            writer.writerow({k: _cell(v, layout.types.get(k, "string")) for k, v in row.items()})
            count += 1
            tick()
    return count


def _instant(value: str | None, zone: str | None) -> datetime | None:
    """An ISO 8601 time as an aware datetime; one without an offset is read in the outlet's
    time zone (UTC when unknown). A value that is no time is left out (None)."""
    if not value:
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return None
    if at.tzinfo is None:
        try:
            at = at.replace(tzinfo=ZoneInfo(zone) if zone else UTC)
        except (ZoneInfoNotFoundError, ValueError):
            at = at.replace(tzinfo=UTC)
    return at


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {
        "array": pa.list_(pa.string()),
        "boolean": pa.bool_(),
        "number": pa.float64(),
        "datetime": pa.timestamp("us", tz="UTC"),
    }.get(kind, pa.string())


def _write_parquet(path: Path, items: Rows, layout: Layout, tick: Callable[[], None]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(f, _arrow_type(layout.types.get(f, "string"))) for f in layout.fields])
    times = [f for f in layout.fields if layout.types.get(f) == "datetime"]
    zones = layout.zones or {}
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in items:
            for field in times:
                row[field] = _instant(row[field], zones.get(row.get("outlet") or ""))
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


WRITERS: dict[str, Callable[[Path, Rows, Layout, Callable[[], None]], int]] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
}
