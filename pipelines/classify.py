"""Stage 250 — classify: relevance score, label, partners, topics and evidence sentence.

The model is chosen once per crawl (see ``crawler.classify.model.resolve_model``): the file in
``PROHORI_MODEL``, else the newest model trained on this database, else the shipped one.

Items are judged in small batches (``RelevanceModel.judge_many``): the vectorisers and the
classifier cost nearly as much for one text as for a dozen, so an item waits until
``BATCH_ITEMS`` are pending, ``BATCH_SECONDS`` have passed or no page is being downloaded.
The stage runs before dedup, so the stages that read and write the database (dedup, store)
still see one item at a time, each stored before the next is judged.
"""

from __future__ import annotations

import asyncio

from scrapy.crawler import Crawler

from crawler.classify.cache import resolve_model
from crawler.classify.model import RelevanceModel
from crawler.items import Article
from crawler.scale.session import worker_session
from crawler.store.run import crawl_run

BATCH_ITEMS = 32
# An item waits at most this long for others (downloads go on meanwhile): long enough for
# batches to fill at the rate a crawl delivers pages.
BATCH_SECONDS = 0.25


class ClassifyPipeline:
    def __init__(
        self, model: RelevanceModel, threshold: float | None, crawler: Crawler | None = None
    ) -> None:
        self.model = model
        self.threshold = threshold
        self.crawler = crawler
        self.pending: list[tuple[Article, asyncio.Future[Article]]] = []
        self.timer: asyncio.TimerHandle | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifyPipeline:
        s = crawler.settings
        worker = worker_session(crawler)
        if worker is not None:  # a worker of a scaled-out crawl: its writer chose the model
            model = worker.session.model
        else:
            model = resolve_model(s.get("PROHORI_MODEL") or None, crawl_run(crawler).storage.db)
        threshold = s.get("PROHORI_RELEVANCE_THRESHOLD")
        return cls(model, float(threshold) if threshold not in (None, "") else None, crawler)

    def judge(self, items: list[Article]) -> None:
        """Fill the classification fields of ``items`` (one batch)."""
        verdicts = self.model.judge_many(
            [(item.title or "", item.text) for item in items], self.threshold
        )
        for item, verdict in zip(items, verdicts, strict=True):
            item.relevant, item.score = verdict.relevant, verdict.score
            item.partners, item.topics = verdict.partners, verdict.topics
            item.evidence, item.model_version = verdict.evidence, verdict.model_version

    async def process_item(self, item: Article) -> Article:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Article] = loop.create_future()
        self.pending.append((item, future))
        if len(self.pending) >= BATCH_ITEMS or self._nothing_in_flight():
            self.flush()
        elif self.timer is None:
            self.timer = loop.call_later(BATCH_SECONDS, self.flush)
        return await future

    def _nothing_in_flight(self) -> bool:
        """No page is being downloaded: no other item is on its way, so waiting is pointless
        (the end of a crawl, or of a burst)."""
        engine = getattr(self.crawler, "engine", None)
        return engine is not None and not engine.downloader.active

    def flush(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.pending = self.pending, []
        if not batch:
            return
        try:
            self.judge([item for item, _ in batch])
        except Exception as exc:  # every item of the batch fails as a single one would
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for item, future in batch:
            if not future.done():
                future.set_result(item)

    def close_spider(self) -> None:
        self.flush()
