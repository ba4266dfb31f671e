"""Per-stage cost of the pipeline, page by page, on one core: the stages called directly on the
mini-web's article pages (no fetching, no Scrapy), beside plain ``trafilatura.extract`` on the
same pages. Used by ``benchmarks/crawl.py``; also runnable on its own:

    python benchmarks/stagecost.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scrapy.exceptions import DropItem  # noqa: E402

from crawler.items import Article  # noqa: E402
from crawler.miniweb import OUTLETS_DIR, MiniWeb  # noqa: E402
from crawler.outlets import load_outlets  # noqa: E402

Page = tuple[str, str, bytes]  # url, outlet key, body


def miniweb_pages(web: MiniWeb) -> list[Page]:
    outlets = {o.domain: o.key for o in load_outlets(OUTLETS_DIR)}
    return [
        (site.url_of(story), outlets[host], _body(site, story))
        for host, site in web.sites.items()
        if host in outlets
        for story in site.stories
    ]


def _body(site: Any, story: Any) -> bytes:
    page = site.route(site.path_of(story), {})
    assert page is not None
    return bytes(page.body)


def trafilatura_ms(pages: list[Page]) -> float:
    import trafilatura

    start = time.perf_counter()
    for url, _, body in pages:
        trafilatura.extract(body.decode("utf-8"), url=url)
    return (time.perf_counter() - start) / len(pages) * 1000


def stage_costs(pages: list[Page], rounds: int = 3) -> dict[str, float]:
    """Milliseconds per page of each stage (over every page, kept or dropped), in crawl order,
    and of plain trafilatura on the same pages (``trafilatura``): the least of ``rounds``
    rounds, each on a new database, as the machine may be shared. Classify judges batches of
    its crawl batch size, as in a crawl that delivers pages fast enough to fill them."""
    from crawler.text.language import detect_language

    detect_language("warm up langdetect's profiles: an English sentence", 0.6, 0.2, 0)
    best: dict[str, float] = {}
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            costs = _one_round(pages, Path(tmp) / "stages.db")
        costs["trafilatura"] = trafilatura_ms(pages)
        best = {k: min(v, best.get(k, v)) for k, v in costs.items()}
    return best


def _one_round(pages: list[Page], path: Path) -> dict[str, float]:
    from crawler.classify.cache import resolve_model
    from crawler.store import Storage
    from crawler.store.run import CrawlRun
    from pipelines import classify as classify_stage
    from pipelines.dedup import DedupPipeline
    from pipelines.extract import ExtractPipeline
    from pipelines.language import LanguagePipeline
    from pipelines.store import StorePipeline

    outlets = {o.key: o for o in load_outlets(OUTLETS_DIR)}
    crawler: Any = SimpleNamespace(spider=SimpleNamespace(by_key=outlets))
    storage = Storage(path)
    with storage.write() as db:
        run_id = db.execute(
            "insert into crawl_runs (started, finish_reason) values ('now', 'running')"
        ).lastrowid
    extract = ExtractPipeline(crawler, 200, 8 << 20)
    language = LanguagePipeline(0.6, 0.2, 0)
    classify = classify_stage.ClassifyPipeline(resolve_model(None, None), None)
    dedup = DedupPipeline(storage)  # the default thresholds, as in a crawl
    store = StorePipeline(CrawlRun(storage, run_id))
    dedup.open_spider()
    cost = dict.fromkeys(("extract", "language", "classify", "dedup", "store"), 0.0)

    def timed(name: str, stage: Any, item: Article) -> Article | None:
        start = time.perf_counter()
        try:
            result: Article = stage.process_item(item)
            return result
        except DropItem:
            return None
        finally:
            cost[name] += time.perf_counter() - start

    kept: list[Article] = []
    for url, outlet, body in pages:
        item: Article | None = Article(
            url=url, outlet=outlet, html=body.decode("utf-8"), body=body,
            content_type="text/html; charset=utf-8",
        )  # fmt: skip
        for name, stage in (("extract", extract), ("language", language)):
            item = timed(name, stage, item) if item is not None else None
        if item is not None:
            kept.append(item)
    size = classify_stage.BATCH_ITEMS
    for i in range(0, len(kept), size):
        start = time.perf_counter()
        classify.judge(kept[i : i + size])
        cost["classify"] += time.perf_counter() - start
    for item in kept:
        if timed("dedup", dedup, item) is not None:
            timed("store", store, item)
    start = time.perf_counter()
    store.close_spider()
    cost["store"] += time.perf_counter() - start
    dedup.close_spider()
    storage.close()
    return {name: seconds / len(pages) * 1000 for name, seconds in cost.items()}


def main() -> None:
    with MiniWeb() as web:
        pages = miniweb_pages(web)
    costs = stage_costs(pages)
    plain = costs.pop("trafilatura")
    for name, ms in costs.items():
        print(f"{name:10s} {ms:6.2f} ms/page")
    total = sum(costs.values())
    print(f"{'pipeline':10s} {total:6.2f} ms/page ({len(pages)} pages)")
    times = total / plain
    print(f"{'trafilatura':10s} {plain:6.2f} ms/page (plain extract, same pages): x{times:.2f}")


if __name__ == "__main__":
    main()
