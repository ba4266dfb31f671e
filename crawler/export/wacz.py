"""WACZ exports: the WARC of the raw pages packed with its index, a pages list and the WACZ's own
datapackage (Web Archive Collection Zipped 1.1.1), made by Webrecorder's ``wacz`` package, so
the collection opens in ReplayWeb.page as the outlets served it.

The pages list names each article with its headline (the page ReplayWeb.page lists), matched to
the archived responses by URL.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.export.formats import Rows, write_warc


class WaczError(RuntimeError):
    """The wacz package could not pack or check the archive."""


def write_wacz(
    db: sqlite_utils.Database, path: Path, items: Rows, tick: Callable[[], None], title: str
) -> int:
    from wacz.main import main as wacz_main

    pages: list[dict[str, Any]] = []

    def kept() -> Rows:
        for row in items:
            pages.append({"url": row["url"], "title": row.get("title") or row["url"]})
            yield row

    with tempfile.TemporaryDirectory(prefix="prohori-wacz-") as work:
        warc = Path(work) / "articles.warc.gz"
        count = write_warc(db, warc, kept(), tick)
        listed = Path(work) / "pages.jsonl"
        with listed.open("w", encoding="utf-8") as fh:
            fh.write(json.dumps({"format": "json-pages-1.0", "id": "pages", "title": title}))
            for page in pages:
                fh.write("\n" + json.dumps(page, ensure_ascii=False))
        log = io.StringIO()  # wacz reports on stdout; kept for the error message
        with contextlib.redirect_stdout(log):
            status = wacz_main(
                ["create", "-o", str(path), "-p", str(listed), "--title", title,
                 "--desc", "Pages the exported articles were extracted from (Prohori)",
                 str(warc)]
            )  # fmt: skip
        if status != 0:
            raise WaczError(f"wacz could not pack the archive: {log.getvalue()[-500:]}")
    return count
