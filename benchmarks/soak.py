"""Soak: one crawl of 50,000 article pages of a generated outlet, watching the memory.

One generated outlet (``crawler.miniweb.generated``) of 50,000 stories is crawled in one
process (``--workers 1``: the process that holds the frontier, the dedup index and the
database). Its resident memory (VmRSS) is sampled every two seconds: ``rss_start_mb`` once the
first 1,000 articles are stored (model loaded, caches warm), ``rss_end_mb`` at the last sample.
It takes a while (tens of minutes on a small machine).

    python benchmarks/soak.py [STORIES]

Last line: ``soak: pages=N rss_start_mb=X rss_end_mb=Y pages_per_s=Z``.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import last_line  # noqa: E402
from benchmarks.runs import crawl_command, last_run  # noqa: E402
from crawler.miniweb import MiniWeb  # noqa: E402
from crawler.miniweb.generated import Bulk, bulk_seed  # noqa: E402

WARM = 1000
EVERY = 5000  # articles between two lines of the memory curve


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=30)
        try:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def main(stories: int) -> None:
    with MiniWeb() as web, tempfile.TemporaryDirectory() as tmp:
        host = "bulk-soak.test"
        web.sites[host] = Bulk(host, "Bulk Soak", stories, web.stories)
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        bulk_seed(seeds, host, "Bulk Soak")
        db = Path(tmp) / "soak.db"
        command = crawl_command(web.proxy_url, seeds, db, "--workers", "1")
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        start = end = None
        mark = EVERY
        while process.poll() is None:
            time.sleep(2)
            rss = rss_mb(process.pid)
            if rss is None:
                break
            end = rss
            count = stored(db)
            if start is None and count >= WARM:
                start = rss
                print(f"warm: {WARM} articles stored, rss {rss:.0f} MB", flush=True)
            if count >= mark:  # the curve: bounded caches fill, then memory stays flat
                print(f"{count} articles stored, rss {rss:.0f} MB", flush=True)
                mark += EVERY
        run = last_run(db)
        articles = stored(db)
    assert start is not None and end is not None, "the crawl ended before it was warm"
    print(f"{run['pages']} pages ({articles} articles) in {run['elapsed']:.0f}s")
    print(
        last_line(
            "soak",
            {
                "pages": str(run["pages"]),
                "rss_start_mb": f"{start:.0f}",
                "rss_end_mb": f"{end:.0f}",
                "pages_per_s": f"{run['pages'] / run['elapsed']:.1f}",
            },
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
