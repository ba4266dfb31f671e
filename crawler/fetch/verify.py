"""``prohori outlets verify``: check seed files against the live sites.

For each outlet, every source is fetched once (a dated source: the outlet's today), with the
crawl's own settings, politeness and bot-wall handling, and a proxy from ``http_proxy`` /
``https_proxy``. Per source: the HTTP status, how many links it lists, how many pass the seed's
``allow``/``deny``, and what is wrong. Then one article found there is fetched and extracted
(title, publication date, length of the text). An outlet is ok when every source answers and
at least one article extracts with a date.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin
from zoneinfo import ZoneInfo

import scrapy
from lxml import html as lxml_html
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.fetch.botwall import bot_wall, browser_meta
from crawler.fetch.discovery import Link, feed_links, sitemap_entries
from crawler.fetch.embedded import embedded_links
from crawler.fetch.failures import failure_reason
from crawler.fetch.jsonsource import source_links
from crawler.outlets import Outlet, Source
from crawler.text.extraction import extract, to_iso
from crawler.text.pages import decode, response_problem

# Child sitemaps of an index read to count its article links.
CHILD_SITEMAPS = 3


@dataclass
class SourceCheck:
    url: str
    type: str
    status: int | None = None
    links: int = 0
    articles: int = 0
    problem: str | None = None


@dataclass
class OutletCheck:
    outlet: str
    ok: bool = False
    sources: list[SourceCheck] = field(default_factory=list)
    sample: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "ok": self.ok,
            "sources": [asdict(s) for s in self.sources],
            "sample": self.sample,
        }


def _links(source: Source, response: Response) -> list[Link] | None:
    """Every link the source lists (None when it cannot be read as its type)."""
    body = response.body
    if source.type in ("rss", "atom"):
        return feed_links(body, response.url)
    if source.type in ("sitemap", "news_sitemap", "daily_sitemap"):
        kind, entries = sitemap_entries(body)
        return None if kind == "invalid" else entries
    if source.type == "json":
        return source_links(source, body, response.url)
    if not isinstance(response, TextResponse):
        return None
    try:
        tree = lxml_html.fromstring(response.text)
    except (ValueError, lxml_html.etree.ParserError):
        return None
    urls = [
        urldefrag(urljoin(response.url, a.get("href", "").strip()))[0]
        for a in tree.iter("a")
        if a.get("href", "").strip().startswith(("/", "http"))
    ]
    if source.embedded_json:
        urls += embedded_links(response.text, response.url)
    return [Link(url) for url in dict.fromkeys(urls)]


class VerifySpider(scrapy.Spider):
    name = "verify"

    def __init__(self, *args: Any, outlets: list[Outlet], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outlets = outlets
        self.by_key = {o.key: o for o in outlets}
        self.results = {o.key: OutletCheck(o.key) for o in outlets}
        self.browser_outlets: set[str] = set()
        self.sampled: set[str] = set()

    def fetch_meta(self, outlet: Outlet) -> dict[str, Any]:
        if outlet.render or outlet.fetch == "browser" or outlet.key in self.browser_outlets:
            return browser_meta()
        return {}

    async def start(self) -> AsyncIterator[Any]:
        for outlet in self.outlets:
            today = datetime.now(ZoneInfo(outlet.timezone)).date()
            for source in outlet.sources:
                url = source.url.format(date=today) if source.dated else source.url
                check = SourceCheck(url, source.type)
                self.results[outlet.key].sources.append(check)
                yield scrapy.Request(
                    url,
                    callback=self.parse_source,
                    errback=self.failed,
                    dont_filter=True,
                    headers=dict(source.headers),
                    meta={
                        "outlet": outlet.key,
                        "source": source,
                        "check": check,
                        "handle_httpstatus_all": True,
                        **self.fetch_meta(outlet),
                    },
                )

    def parse_source(self, response: Response) -> Iterator[scrapy.Request]:
        outlet = self.by_key[response.meta["outlet"]]
        source: Source = response.meta["source"]
        check: SourceCheck = response.meta["check"]
        child = response.meta.get("child", False)
        if not child:
            check.status = response.status
        wall = bot_wall(response, in_browser=bool(response.meta.get("playwright")))
        if response.status >= 400 or wall:
            check.problem = check.problem or wall or f"http_{response.status}"
            return
        if not child and source.type in ("sitemap", "news_sitemap", "daily_sitemap"):
            kind, entries = sitemap_entries(response.body)
            if kind == "sitemapindex":  # its articles are in its child sitemaps: read a few
                keep = ("outlet", "source", "check", "handle_httpstatus_all", "playwright")
                meta = {k: v for k, v in response.meta.items() if k in keep}
                for entry in [e for e in entries if outlet.owns(e.url)][:CHILD_SITEMAPS]:
                    yield scrapy.Request(
                        entry.url,
                        callback=self.parse_source,
                        errback=self.failed,
                        dont_filter=True,
                        meta={**meta, "child": True},
                    )
                return
        links = _links(source, response)
        if links is None:
            check.problem = check.problem or f"not a readable {source.type}"
            return
        check.links += len(links)
        articles = [link for link in links if outlet.is_article_url(link.url)]
        check.articles += len(articles)
        if articles and outlet.key not in self.sampled:
            self.sampled.add(outlet.key)
            first = articles[0]
            feed_date = first.published and to_iso(
                first.published,
                outlet.feed_timezone or outlet.timezone,
                local=bool(outlet.feed_timezone),
            )
            yield scrapy.Request(
                first.url,
                callback=self.parse_article,
                errback=self.failed,
                dont_filter=True,
                meta={
                    "outlet": outlet.key,
                    "feed_published": feed_date,
                    "handle_httpstatus_all": True,
                    **self.fetch_meta(outlet),
                },
            )

    def parse_article(self, response: Response) -> None:
        outlet = self.by_key[response.meta["outlet"]]
        sample: dict[str, Any] = {"url": response.url, "title": None, "published": None}
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        problem = response_problem(response.body, content_type, response.status, 1 << 62)
        if problem:
            sample.update(chars=0, problem=f"{problem[0]}: {problem[1]}")
        else:
            declared = response.encoding if isinstance(response, TextResponse) else None
            found = extract(decode(response.body, declared), response.url, outlet.timezone)
            # As a crawl does: a page without a date takes the one its source listed.
            published = found.published or response.meta.get("feed_published")
            sample.update(title=found.title, published=published, chars=len(found.text))
        self.results[outlet.key].sample = sample

    def failed(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        if request is None:
            return
        reason = failure_reason(failure.value)
        check: SourceCheck | None = request.meta.get("check")
        if check is not None:
            check.problem = reason
        else:
            outlet = request.meta["outlet"]
            self.results[outlet].sample = {"url": request.url, "problem": reason, "chars": 0}

    def closed(self, reason: str) -> None:
        for key, result in self.results.items():
            for check, source in zip(result.sources, self.by_key[key].sources, strict=True):
                if check.problem or check.articles:
                    continue
                if source.dated and check.status == 200:
                    continue  # a quiet day in an archive or a daily sitemap is no fault
                check.problem = (
                    "lists no links"
                    if not check.links
                    else "no link passes allow/deny (has the URL scheme changed?)"
                )
            sample = result.sample or {}
            result.ok = (
                all(s.problem is None for s in result.sources)
                and bool(sample.get("published"))
                and bool(sample.get("chars"))
            )


def verify(outlets: list[Outlet], settings: Any) -> list[OutletCheck]:
    """Check every outlet live; returns one result per outlet, in seed order."""
    settings = settings.copy()
    # Verification stores nothing: no pipelines, no run row, no monitors.
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    extensions = dict(settings.getdict("EXTENSIONS"))
    for name in (
        "crawler.store.run.RunRecorder",
        "crawler.monitor.extension.HealthAlerts",
        "spidermon.contrib.scrapy.extensions.Spidermon",
    ):
        extensions[name] = None
    settings.set("EXTENSIONS", extensions, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(VerifySpider)
    holder: dict[str, VerifySpider] = {}

    def keep(spider: VerifySpider, reason: str) -> None:
        holder["spider"] = spider

    crawler.signals.connect(keep, signal=scrapy.signals.spider_closed)
    process.crawl(crawler, outlets=outlets)
    process.start()
    spider = holder["spider"]
    return [spider.results[o.key] for o in outlets]


def write_verdict(path: str | Path, ok: bool, day: str) -> None:
    """Set ``verified`` (and ``verified_on`` when it passed) in a seed file, keeping its
    comments and the order of its fields."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^verified:.*$", f"verified: {'true' if ok else 'false'}", text)
    if not n:
        text = text.rstrip("\n") + f"\nverified: {'true' if ok else 'false'}\n"
    if ok:
        stamp = f"verified_on: '{day}'"
        text, n = re.subn(r"(?m)^verified_on:.*$", stamp, text)
        if not n:
            text = re.sub(r"(?m)^(verified:.*)$", rf"\1\n{stamp}", text, count=1)
    path.write_text(text, encoding="utf-8")
