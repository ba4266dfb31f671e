"""Helpers of the crawl benchmarks: a crawl of a running mini-web in a subprocess, and the
figures its run recorded (Scrapy's own ``elapsed_time_seconds`` and
``response_received_count``, so process start-up before the spider opens is not counted)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.runner import LOCAL_FAST  # noqa: E402

FAST = [arg for name, value in LOCAL_FAST.items() for arg in ("-s", f"{name}={value}")]


def crawl_command(proxy: str, seeds: Path, db: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "crawler", "crawl", "--seeds", str(seeds), "--db", str(db),
        "--log-level", "WARNING", "-s", f"PROHORI_MINIWEB={proxy}", *FAST, *extra,
    ]  # fmt: skip


def last_run(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    try:
        stats = json.loads(
            conn.execute("select stats from crawl_runs order by id desc").fetchone()[0]
        )
    finally:
        conn.close()
    return {"elapsed": stats["elapsed_time_seconds"], "pages": stats["response_received_count"]}


def crawl(proxy: str, seeds: Path, db: Path, *extra: str) -> dict[str, Any]:
    """One crawl into a new database ``db``; its pages and seconds."""
    for suffix in ("", "-wal", "-shm", "-lsh", ".lock", ".alerts.jsonl"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    subprocess.run(crawl_command(proxy, seeds, db, *extra), check=False, cwd=ROOT,
                   capture_output=True)  # fmt: skip
    return last_run(db)
