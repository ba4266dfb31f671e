"""Stage 400 — classify: relevance score, label, partners, topics and evidence sentence.

The model is chosen once per crawl (see ``crawler.classify.model.resolve_model``): the file in
``PROHORI_MODEL``, else the newest model trained on this database, else the shipped one.
"""

from __future__ import annotations

from scrapy.crawler import Crawler

from crawler.classify.cache import resolve_model
from crawler.classify.model import RelevanceModel
from crawler.items import Article
from crawler.store.run import crawl_run


class ClassifyPipeline:
    def __init__(self, model: RelevanceModel, threshold: float | None) -> None:
        self.model = model
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifyPipeline:
        s = crawler.settings
        model = resolve_model(s.get("PROHORI_MODEL") or None, crawl_run(crawler).storage.db)
        threshold = s.get("PROHORI_RELEVANCE_THRESHOLD")
        return cls(model, float(threshold) if threshold not in (None, "") else None)

    def process_item(self, item: Article) -> Article:
        verdict = self.model.judge(item.title or "", item.text, self.threshold)
        item.relevant, item.score = verdict.relevant, verdict.score
        item.partners, item.topics = verdict.partners, verdict.topics
        item.evidence, item.model_version = verdict.evidence, verdict.model_version
        return item
