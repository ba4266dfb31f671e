"""Downloader middlewares.

``MiniWebProxyMiddleware`` routes requests for the mini-web's ``*.test`` hosts to the local
replay server (as an HTTP proxy), so that article URLs keep their stable names. It is off unless
``PROHORI_MINIWEB`` is set, and it never touches other hosts: a researcher's own
``http_proxy``/``https_proxy`` still applies to real outlets through Scrapy's HttpProxyMiddleware.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


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
