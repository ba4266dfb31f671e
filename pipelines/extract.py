"""Stage 100 — extract: body text and metadata from the raw page (see crawler.text.extraction).

Responses that are not articles are dropped with a reason (crawler.text.pages): ``http_error``,
``challenge``, ``not_html``, ``binary``, ``too_large``, ``not_article`` (a listing page), and
``no_text`` when too little text is left once the chrome is gone. A page the extractor cannot
handle is dropped as ``extract_error`` (logged; it is fetched again on the next run).
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import Article
from crawler.outlets import Outlet
from crawler.text.extraction import EXTRACTION_VERSION, extract, to_iso
from crawler.text.pages import response_problem

logger = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, crawler: Crawler, min_chars: int, max_bytes: int) -> None:
        self.crawler = crawler
        self.min_chars = min_chars
        self.max_bytes = max_bytes

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        s = crawler.settings
        return cls(crawler, s.getint("PROHORI_MIN_TEXT_CHARS"), s.getint("PROHORI_MAX_PAGE_BYTES"))

    def _outlet(self, key: str) -> Outlet | None:
        outlets: dict[str, Outlet] = getattr(self.crawler.spider, "by_key", {})
        return outlets.get(key)

    def process_item(self, item: Article) -> Article:
        body = item.body or item.html.encode("utf-8")
        problem = response_problem(body, item.content_type, item.status, self.max_bytes)
        if problem:
            raise DropItem(f"{problem[0]}: {problem[1]} at {item.url}", log_level="INFO")
        outlet = self._outlet(item.outlet)
        tz = outlet.timezone if outlet else "Asia/Dhaka"
        rules = outlet.drop_line_res if outlet else ()
        try:
            found = extract(item.html, item.url, tz, rules)
        except Exception as exc:  # one bad page must not stop the crawl
            logger.warning("extraction failed for %s: %r", item.url, exc)
            raise DropItem(
                f"extract_error: {type(exc).__name__} at {item.url}", log_level="WARNING"
            ) from exc
        if found.listing:
            raise DropItem(f"not_article: a listing page at {item.url}", log_level="INFO")
        if len(found.text) < self.min_chars:
            raise DropItem(f"no_text: {len(found.text)} characters at {item.url}", log_level="INFO")
        item.title = found.title or item.feed_title
        item.text = found.text
        item.published = found.published or to_iso(item.feed_published, tz)
        item.modified = found.modified
        item.authors = found.authors
        item.section = found.section
        item.canonical_url = found.canonical_url
        item.extraction_version = EXTRACTION_VERSION
        return item
