"""Stage 400 — classify: relevance score, label, partners, topics and evidence sentence."""

from __future__ import annotations

from scrapy.crawler import Crawler

from crawler.classify import classify
from crawler.items import Article


class ClassifyPipeline:
    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClassifyPipeline:
        return cls(crawler.settings.getfloat("PROHORI_RELEVANCE_THRESHOLD"))

    def process_item(self, item: Article) -> Article:
        verdict = classify(item.title or "", item.text, self.threshold)
        item.relevant, item.score = verdict.relevant, verdict.score
        item.partners, item.topics = verdict.partners, verdict.topics
        item.evidence, item.model_version = verdict.evidence, verdict.model_version
        return item
