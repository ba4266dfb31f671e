"""Stage 200 — language: keep Bengali (``crawler.text.language`` decides)."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import Article
from crawler.text.language import detect_language


class LanguagePipeline:
    def __init__(self, yes: float, no: float, seed: int) -> None:
        self.yes, self.no, self.seed = yes, no, seed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LanguagePipeline:
        s = crawler.settings
        # langdetect reads its language profiles on first use: at start-up, not mid-crawl.
        from langdetect.detector_factory import init_factory

        init_factory()
        return cls(
            s.getfloat("PROHORI_BENGALI_SHARE_YES"),
            s.getfloat("PROHORI_BENGALI_SHARE_NO"),
            s.getint("PROHORI_LANGDETECT_SEED"),
        )

    def process_item(self, item: Article) -> Article:
        language, share = detect_language(item.text, self.yes, self.no, self.seed)
        item.language, item.bengali_share = language, round(share, 4)
        if language != "bn":
            raise DropItem(f"not_bengali: {language} at {item.url}", log_level="INFO")
        return item
