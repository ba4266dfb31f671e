"""The file formats: JSON lines, CSV, Parquet (pyarrow) and WARC (warcio) of the raw pages."""

from __future__ import annotations

import csv
import io
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.export.rows import FIELDS, LIST_FIELDS


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
