"""Crawl throughput, like with like: the full pipeline against the same crawl without it.

Both crawls are ``prohori crawl --workers 1`` (one process, one core for the crawl) of the same
running mini-web with the same settings — the same discovery (feeds, sitemaps, listings),
robots.txt obeyed, the same politeness — except that the second runs no item pipeline
(``-s ITEM_PIPELINES={}``): the pages are fetched and handed to the pipeline, which does
nothing. Each is run three times and the fastest run counts (the machine may be shared).
Then each stage's cost per page, measured on the same pages without fetching
(``benchmarks/stagecost.py``), beside plain ``trafilatura.extract``.

    python benchmarks/crawl.py            # prints figures; the last line is the summary

Last line: ``crawl: pipeline_pages_per_s=X bare_pages_per_s=Y ratio=Z``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import last_line  # noqa: E402
from benchmarks.runs import crawl  # noqa: E402
from benchmarks.stagecost import miniweb_pages, stage_costs  # noqa: E402
from crawler.miniweb import OUTLETS_DIR, MiniWeb  # noqa: E402

REPEATS = 3


def best(proxy: str, db: Path, *extra: str) -> dict[str, float]:
    runs = [crawl(proxy, OUTLETS_DIR, db, "--workers", "1", *extra) for _ in range(REPEATS)]
    return max(runs, key=lambda run: run["pages"] / run["elapsed"])


def main() -> None:
    with MiniWeb() as web, tempfile.TemporaryDirectory() as tmp:
        full = best(web.proxy_url, Path(tmp) / "pipeline.db")
        bare = best(web.proxy_url, Path(tmp) / "bare.db", "-s", "ITEM_PIPELINES={}")
        pages = miniweb_pages(web)
    costs = stage_costs(pages)
    plain = costs.pop("trafilatura")
    full_rate = full["pages"] / full["elapsed"]
    bare_rate = bare["pages"] / bare["elapsed"]
    print(f"pipeline: {full['pages']} pages in {full['elapsed']:.2f}s (best of {REPEATS})")
    print(
        f"no pipeline: {bare['pages']} pages in {bare['elapsed']:.2f}s (same crawl, same settings)"
    )
    print(f"stage costs on the {len(pages)} article pages, one core, ms per page (least of 3):")
    for name, ms in costs.items():
        print(f"  {name:10s} {ms:6.2f}")
    total = sum(costs.values())
    times = total / plain
    print(f"  {'all stages':10s} {total:6.2f}  = {times:.2f} x plain trafilatura ({plain:.2f})")
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
    main()
