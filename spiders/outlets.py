"""The one generic spider: crawls every outlet described in the seed files.

Discovery per source type — RSS/Atom feeds, (news) sitemaps and sitemap indexes, section listing
pages with pagination — yields article URLs that pass the outlet's allow/deny patterns. Article
URLs already stored are skipped (incremental crawls); feeds, sitemaps and listings are always
fetched. Every article response becomes one :class:`crawler.items.Article`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.dedup.urls import canonical_url
from crawler.fetch.botwall import browser_meta
from crawler.fetch.discovery import Link, feed_links, listing_links, sitemap_entries
from crawler.fetch.embedded import embedded_links
from crawler.fetch.failures import failure_reason
from crawler.fetch.jsonsource import source_links
from crawler.items import Article
from crawler.outlets import Outlet, Source, load_outlets
from crawler.scale.session import worker_session
from crawler.settings_check import check_settings
from crawler.store import known_urls
from crawler.store.queries import source_state
from crawler.store.run import crawl_run
from crawler.text.extraction import to_iso
from crawler.text.pages import decode


def _changed_since(modified: str | None, fetched: str | None) -> bool:
    """True when the outlet's "last modified" is after our fetch of the article."""
    if not modified or not fetched:
        return False
    stamp = to_iso(modified, "UTC")
    try:
        return stamp is not None and datetime.fromisoformat(stamp) > datetime.fromisoformat(fetched)
    except ValueError:
        return False


def _headers(headers: Any) -> list[tuple[str, str]]:
    pairs = []
    for key, values in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        for value in values if isinstance(values, list) else [values]:
            pairs.append(
                (name, value.decode("latin-1") if isinstance(value, bytes) else str(value))
            )
    return pairs


class OutletsSpider(scrapy.Spider):
    name = "outlets"

    def __init__(self, *args: Any, outlets: list[Outlet] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outlets: list[Outlet] = outlets or []
        self.by_key: dict[str, Outlet] = {}
        self.known: Mapping[str, str | None] = {}  # canonical URL -> when fetched
        self.requested: set[str] = set()  # article URLs requested in this run (canonical)
        self.validators: dict[str, tuple[str | None, str | None]] = {}  # url -> ETag, date
        self.seen_validators: dict[str, tuple[str, str | None, str | None]] = {}
        # Sitemap index -> its child sitemaps: an unchanged index says nothing about them.
        self.children: dict[str, list[str]] = {}
        # Outlets whose pages passed a bot wall in the browser: their later requests go there.
        self.browser_outlets: set[str] = set()
        # A worker sharing its frontier with others (Redis): Scrapy's duplicate filter, shared
        # by them all, lets each article be requested once; and only one worker seeds.
        self.shared_frontier = False
        self.seeds: Callable[[], bool] = lambda: True

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> OutletsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        check_settings(settings)  # `scrapy crawl outlets -s ...` is checked like `prohori crawl`
        if not spider.outlets:
            # `scrapy crawl outlets -a outlet=NAME` works as well as the setting.
            only = kwargs.get("outlet") or settings.get("PROHORI_OUTLET") or None
            spider.outlets = load_outlets(settings.get("PROHORI_SEEDS_DIR"), only)
        worker = worker_session(crawler)
        if worker is not None:  # a worker of a scaled-out crawl: its writer read all this
            session = worker.session
            spider.outlets = spider.outlets or session.outlets
            spider.by_key = {o.key: o for o in spider.outlets}
            spider.known = session.known if settings.getbool("PROHORI_SKIP_KNOWN") else {}
            if settings.getbool("PROHORI_CONDITIONAL_GET"):
                spider.validators, spider.children = session.validators, dict(session.children)
            spider.shared_frontier = worker.link.shared_frontier
            spider.seeds = worker.link.claim_seeding
            return spider
        spider.by_key = {o.key: o for o in spider.outlets}
        # What this crawl starts from: stored URLs and the sources' HTTP validators, read from
        # the crawl's storage (the run recorder keeps the new validators at the end).
        with crawl_run(crawler).storage.snapshot() as db:
            if settings.getbool("PROHORI_SKIP_KNOWN"):
                spider.known = known_urls(db)
            if settings.getbool("PROHORI_CONDITIONAL_GET"):
                spider.validators, spider.children = source_state(db)
        return spider

    # -- start -----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        if not self.seeds():
            return  # another worker of this crawl yields its start requests
        since, until = self._backfill_range()
        for outlet in self.outlets:
            for source in outlet.sources:
                if not source.dated:
                    yield self._source_request(outlet, source, source.url, page=1)
                    continue
                if since is not None:  # a backfill walks every day in range
                    urls = source.for_days(since, until)
                elif source.type == "daily_sitemap":  # a normal run: the outlet's today, yesterday
                    today = datetime.now(ZoneInfo(outlet.timezone)).date()
                    urls = source.for_days(today - timedelta(days=1), today)
                else:
                    continue  # date archives are for backfills: `prohori crawl --since DATE`
                for url in urls:
                    yield self._source_request(outlet, source, url, page=1, base=url)

    def _backfill_range(self) -> tuple[date | None, date]:
        settings = self.crawler.settings
        since = settings.get("PROHORI_SINCE") or None
        until = settings.get("PROHORI_UNTIL") or None
        end = date.fromisoformat(until) if until else datetime.now(UTC).date()
        return (date.fromisoformat(since) if since else None), end

    def _source_request(
        self, outlet: Outlet, source: Source, url: str, page: int, base: str | None = None
    ) -> scrapy.Request:
        callback = {
            "archive": self.parse_listing,
            "rss": self.parse_feed,
            "atom": self.parse_feed,
            "news_sitemap": self.parse_sitemap,
            "sitemap": self.parse_sitemap,
            "daily_sitemap": self.parse_sitemap,
            "listing": self.parse_listing,
            "json": self.parse_json,
        }[source.type]
        headers = dict(source.headers)
        etag, modified = self.validators.get(url, (None, None))
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            dont_filter=True,
            headers=headers,
            meta={
                "outlet": outlet.key,
                "source": source,
                "page": page,
                "kind": "discovery",
                "base": base,
                "handle_httpstatus_list": [304],
                **self.fetch_meta(outlet),
            },
        )

    def fetch_meta(self, outlet: Outlet) -> dict[str, Any]:
        """Request meta that sends an outlet's pages through the browser when its seed says so
        (``render: true``, ``fetch: browser``) or when its pages passed a bot wall there."""
        if outlet.render or outlet.fetch == "browser" or outlet.key in self.browser_outlets:
            return browser_meta()
        return {}

    def _unchanged(self, response: Response) -> bool:
        """Record the source's validators; True when it answered 304 Not Modified."""
        outlet = response.meta["outlet"]
        if response.status == 304:
            self._inc(outlet, "not_modified")
            etag, modified = self.validators.get(response.url, (None, None))
            self.seen_validators[response.url] = (outlet, etag, modified)
            return True
        raw_etag = response.headers.get(b"ETag")
        raw_modified = response.headers.get(b"Last-Modified")
        if raw_etag or raw_modified:
            self.seen_validators[response.url] = (
                outlet,
                raw_etag.decode("latin-1") if raw_etag else None,
                raw_modified.decode("latin-1") if raw_modified else None,
            )
        return False

    # -- discovery -------------------------------------------------------------------------
    def _article_request(self, response: Response, url: str, **hints: Any) -> scrapy.Request | None:
        outlet = self.by_key[response.meta["outlet"]]
        source: Source = response.meta["source"]
        if not outlet.is_article_url(url):
            return None
        self._inc(outlet.key, "discovered")
        canonical = canonical_url(url)
        modified = hints.pop("modified", None)
        refresh = False
        if canonical in self.known:
            if not _changed_since(modified, self.known[canonical]):
                self._inc(outlet.key, "skipped_known")
                return None
            refresh = True  # the outlet says the stored article changed: fetch it again
            self._inc(outlet.key, "refetched_changed")
        if not self.shared_frontier:
            if canonical in self.requested:
                return None  # listed by two sources this run
            self.requested.add(canonical)
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.on_error,
            # Our own set above de-duplicates; Scrapy's filter would also silently swallow a
            # redirect back to the same URL, where a loop must end in a counted error. Workers
            # sharing a frontier share its filter instead (crawler.scale.frontier), which
            # lets redirects through for that reason.
            dont_filter=not self.shared_frontier,
            meta={
                "outlet": outlet.key,
                "source_type": source.type,
                "source_url": response.url,
                "kind": "article",
                "refresh": refresh,
                **hints,
                **self.fetch_meta(outlet),
            },
        )

    def _follow(self, response: Response, links: list[Link]) -> Iterator[scrapy.Request]:
        """Requests for the article links a source listed (each known or repeated one once)."""
        outlet = self.by_key[response.meta["outlet"]]
        for link in links:
            published = link.published
            if published and outlet.feed_timezone:  # the feed's offsets lie: read them locally
                published = to_iso(published, outlet.feed_timezone, local=True) or published
            request = self._article_request(
                response,
                link.url,
                feed_title=link.title,
                feed_published=published,
                modified=link.modified,
            )
            if request is not None:
                yield request

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        if self._unchanged(response):
            return
        links = feed_links(response.body, response.url)
        if not links:
            self._inc(response.meta["outlet"], "errors/feed_empty")
        yield from self._follow(response, links)

    def parse_json(self, response: Response) -> Iterator[scrapy.Request]:
        if self._unchanged(response):
            return
        source: Source = response.meta["source"]
        links = source_links(source, response.body, response.url)
        if links is None:  # not JSON, or the list is not where the seed says: the API changed
            self._inc(response.meta["outlet"], "errors/json_unexpected")
            return
        if not links:
            self._inc(response.meta["outlet"], "errors/feed_empty")
        yield from self._follow(response, links)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        outlet = self.by_key[response.meta["outlet"]]
        source: Source = response.meta["source"]
        if self._unchanged(response):
            # An index that did not change still has children that may have: ask each of them
            # (conditionally, so unchanged ones cost a 304).
            for child in self.children.get(response.url, []):
                yield self._source_request(outlet, source, child, page=1)
            return
        kind, links = sitemap_entries(response.body)
        if kind == "invalid":
            self._inc(outlet.key, "errors/sitemap_invalid")
            return
        if kind == "sitemapindex":
            self.children[response.url] = [link.url for link in links if outlet.owns(link.url)]
            for link in links:
                if outlet.owns(link.url):
                    yield self._source_request(outlet, source, link.url, page=1)
            return
        yield from self._follow(response, links)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        outlet = self.by_key[response.meta["outlet"]]
        if not isinstance(response, TextResponse):
            self._inc(outlet.key, "errors/listing_not_text")
            return
        if self._unchanged(response):
            return
        source: Source = response.meta["source"]
        links = listing_links(response.text, response.url, outlet)
        if source.embedded_json:  # links the page's scripts carry (Next.js, app state, ...)
            found = {link.url for link in links}
            links += [
                Link(url)
                for url in embedded_links(response.text, response.url)
                if url not in found and outlet.is_article_url(url)
            ]
        yield from self._follow(response, links)
        page = response.meta["page"]
        # Follow pagination only while pages still list articles: sites answer an empty page,
        # not a 404, past the end.
        if links and source.pagination and page < source.max_pages:
            base = response.meta.get("base") or source.url
            next_url = base + source.pagination.format(page=page + 1)
            yield self._source_request(outlet, source, next_url, page=page + 1, base=base)
        elif not links and page == 1 and source.type != "archive":  # a quiet day is no error
            self._inc(outlet.key, "errors/listing_empty")

    # -- articles --------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[Article]:
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        declared = response.encoding if isinstance(response, TextResponse) else None
        yield Article(
            url=response.url,
            outlet=response.meta["outlet"],
            html=decode(response.body, declared) if declared else "",
            body=response.body,
            status=response.status,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            source_type=response.meta.get("source_type", ""),
            source_url=response.meta.get("source_url", ""),
            feed_title=response.meta.get("feed_title"),
            feed_published=response.meta.get("feed_published"),
            content_type=content_type,
            refresh=bool(response.meta.get("refresh")),
            response_headers=_headers(response.headers),
            request_headers=_headers(response.request.headers if response.request else {}),
        )

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        outlet = request.meta.get("outlet", "_other") if request is not None else "_other"
        reason = failure_reason(failure.value)
        if request is not None and request.meta.get("prohori_walled"):
            # The browser's try after a bot wall failed (its challenge never cleared).
            self._inc(outlet, "browser_blocked")
            reason = request.meta["prohori_walled"]
        if request is not None and request.meta.get("kind") == "discovery":
            reason = f"source_{reason}"  # a feed, sitemap or listing: the outlet's way in
        if reason.endswith("robots_forbidden"):
            self._inc(outlet, "robots_forbidden")  # politeness, not a failure of the outlet
        else:
            self._inc(outlet, f"errors/{reason}")
        self.logger.info("fetch failed (%s): %s", reason, request.url if request else "?")

    def _inc(self, outlet: str, figure: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"prohori/outlet/{outlet}/{figure}")
