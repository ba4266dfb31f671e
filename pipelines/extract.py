"""Stage 100 — extract: body text and metadata from the raw page (see crawler.extraction).

Pages that are not articles are dropped with a reason: not HTML (``not_html``), an HTTP error
page (``http_error``), or too little text once the chrome is gone (``no_text``).
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.extraction import EXTRACTION_VERSION, extract
from crawler.items import Article
from crawler.outlets import Outlet


class ExtractPipeline:
    def __init__(self, crawler: Crawler, min_chars: int) -> None:
        self.crawler = crawler
        self.min_chars = min_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler, crawler.settings.getint("PROHORI_MIN_TEXT_CHARS"))

    def _timezone(self, outlet: str) -> str:
        outlets: dict[str, Outlet] = getattr(self.crawler.spider, "by_key", {})
        return outlets[outlet].timezone if outlet in outlets else "Asia/Dhaka"

    def process_item(self, item: Article) -> Article:
        content_type = str(item.extra.get("content_type", "")).lower()
        if content_type and "html" not in content_type and "xml" not in content_type:
            raise DropItem(f"not_html: {content_type} at {item.url}", log_level="INFO")
        if item.status >= 400:
            raise DropItem(f"http_error: {item.status} at {item.url}", log_level="INFO")
        tz = self._timezone(item.outlet)
        found = extract(item.html, item.url, tz)
        if len(found.text) < self.min_chars:
            raise DropItem(f"no_text: {len(found.text)} characters at {item.url}", log_level="INFO")
        item.title = found.title or item.feed_title
        item.text = found.text
        item.published = found.published
        if item.published is None and item.feed_published:
            from crawler.extraction import _iso

            item.published = _iso(item.feed_published, tz)
        item.modified = found.modified
        item.authors = found.authors
        item.section = found.section
        item.canonical_url = found.canonical_url
        item.extraction_version = EXTRACTION_VERSION
        return item
