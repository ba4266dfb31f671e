"""Downloader middlewares.

``RetryAfterMiddleware`` replaces Scrapy's RetryMiddleware to honour ``Retry-After``.

``MiniWebProxyMiddleware`` routes requests for the mini-web's ``*.test`` hosts to the local
replay server (as an HTTP proxy), so that article URLs keep their stable names. It is off unless
``PROHORI_MINIWEB`` is set, and it never touches other hosts: a researcher's own
``http_proxy``/``https_proxy`` still applies to real outlets through Scrapy's HttpProxyMiddleware.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings


class MiniWebProxyMiddleware:
    def __init__(self, address: str) -> None:
        self.proxy = address if "://" in address else f"http://{address}"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MiniWebProxyMiddleware:
        address = crawler.settings.get("PROHORI_MINIWEB")
        if not address:
            raise NotConfigured("PROHORI_MINIWEB is not set")
        return cls(address)

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        if host.endswith(".test"):
            request.meta["proxy"] = self.proxy


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, honouring ``Retry-After`` on 429 and 503.

    The wait is spent asleep in this response's coroutine, so other domains keep crawling; a
    server asking for more than ``PROHORI_MAX_RETRY_AFTER`` seconds is not retried in this run.
    """

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("PROHORI_MAX_RETRY_AFTER")

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in (429, 503):
            return super().process_response(request, response)
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return super().process_response(request, response)
        stats = self.crawler.stats
        if wait > self.max_wait:
            if stats is not None:
                stats.inc_value("prohori/retry_after/too_long")
            return response
        if stats is not None:
            stats.inc_value("prohori/retry_after/honoured")
        await asyncio.sleep(wait)
        return self._retry(request, f"{response.status} Retry-After {wait:g}s") or response


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
