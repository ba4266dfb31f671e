"""Crawl throughput: the full Prohori pipeline against bare Scrapy fetching the same pages.

Both crawls run in their own process against the same running mini-web with the same
concurrency settings; pages per second come from Scrapy's own ``elapsed_time_seconds`` and
``response_received_count``, so process start-up is not counted for either.

    python benchmarks/crawl.py            # prints figures; the last line is the summary

Last line: ``crawl: pipeline_pages_per_s=X bare_pages_per_s=Y ratio=Z``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import last_line  # noqa: E402
from crawler.miniweb import OUTLETS_DIR, MiniWeb  # noqa: E402
from crawler.runner import LOCAL_FAST  # noqa: E402

FAST = [arg for name, value in LOCAL_FAST.items() for arg in ("-s", f"{name}={value}")]


def bare_crawl(proxy: str, urls_file: str, out_file: str) -> None:
    """Child process: plain Scrapy, no pipelines, fetching exactly the listed URLs."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    urls = json.loads(Path(urls_file).read_text())

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self) -> Any:
            for url in urls:
                yield scrapy.Request(url, meta={"proxy": proxy}, dont_filter=True)

        def parse(self, response: Any) -> None:
            return None

    process = CrawlerProcess(
        {
            "LOG_LEVEL": "WARNING",
            "ROBOTSTXT_OBEY": False,
            "TELNETCONSOLE_ENABLED": False,
            "CONCURRENT_REQUESTS": 16,
            "AUTOTHROTTLE_ENABLED": True,
            **LOCAL_FAST,
        }
    )
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    Path(out_file).write_text(
        json.dumps(
            {
                "elapsed": stats["elapsed_time_seconds"],
                "pages": stats["response_received_count"],
            }
        )
    )


def pipeline_crawl(web: MiniWeb, db: Path) -> dict[str, float]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler",
            "crawl",
            "--seeds",
            str(OUTLETS_DIR),
            "--db",
            str(db),
            "--log-level",
            "WARNING",
            "-s",
            f"PROHORI_MINIWEB={web.proxy_url}",
            *FAST,
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    import sqlite3

    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("select stats from crawl_runs order by id desc").fetchone()[0])
    conn.close()
    return {"elapsed": stats["elapsed_time_seconds"], "pages": stats["response_received_count"]}


def main() -> None:
    with MiniWeb() as web, tempfile.TemporaryDirectory() as tmp:
        full = pipeline_crawl(web, Path(tmp) / "bench.db")
        urls = sorted(set(web.requested))
        urls_file, out_file = Path(tmp) / "urls.json", Path(tmp) / "bare.json"
        urls_file.write_text(json.dumps(urls))
        subprocess.run(
            [sys.executable, __file__, "--bare", web.proxy_url, str(urls_file), str(out_file)],
            check=True,
            cwd=ROOT,
        )
        bare = json.loads(out_file.read_text())
    full_rate = full["pages"] / full["elapsed"]
    bare_rate = bare["pages"] / bare["elapsed"]
    print(
        f"pipeline: {full['pages']} pages in {full['elapsed']:.2f}s (extract, language, "
        "dedup, classify, store)"
    )
    print(f"bare scrapy: {bare['pages']} pages in {bare['elapsed']:.2f}s (same URLs, no pipeline)")
    print(
        last_line(
            "crawl",
            {
                "pipeline_pages_per_s": f"{full_rate:.1f}",
                "bare_pages_per_s": f"{bare_rate:.1f}",
                "ratio": f"{full_rate / bare_rate:.2f}",
            },
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--bare":
        bare_crawl(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
