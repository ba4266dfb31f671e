"""Scale-out on one machine: the same crawl with one worker process and with two.

Four generated outlets (``crawler.miniweb.generated``, 1,500 stories each) are crawled by
``prohori crawl --workers 1`` and ``--workers 2`` (each outlet goes to one worker; the writer
stores for both). Pages per second are the writer's: every page fetched by any worker over the
writer's run, worker start-up included. Figures depend on the cores the machine has free.

    python benchmarks/scale.py

Last line: ``scale: workers1_pages_per_s=X workers2_pages_per_s=Y speedup=Z``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import last_line  # noqa: E402
from benchmarks.runs import crawl  # noqa: E402
from crawler.miniweb import MiniWeb  # noqa: E402
from crawler.miniweb.generated import Bulk, bulk_seed  # noqa: E402

OUTLETS, STORIES = 4, 1500


def main() -> None:
    with MiniWeb() as web, tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        for i in range(1, OUTLETS + 1):
            host = f"bulk-{i}.test"
            web.sites[host] = Bulk(host, f"Bulk {i}", STORIES, web.stories)
            bulk_seed(seeds, host, f"Bulk {i}")
        rates = {}
        for workers in (1, 2):
            run = crawl(
                web.proxy_url, seeds, Path(tmp) / f"w{workers}.db", "--workers", str(workers)
            )
            rates[workers] = run["pages"] / run["elapsed"]
            print(f"--workers {workers}: {run['pages']} pages in {run['elapsed']:.1f}s")
    print(
        last_line(
            "scale",
            {
                "workers1_pages_per_s": f"{rates[1]:.1f}",
                "workers2_pages_per_s": f"{rates[2]:.1f}",
                "speedup": f"{rates[2] / rates[1]:.2f}",
            },
        )
    )


if __name__ == "__main__":
    main()
