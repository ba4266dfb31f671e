"""Bot walls, handled openly: one more try through a real browser, and an honest count.

Many outlets answer plain HTTP clients with a challenge page ("Just a moment…") or a 403 from
their bot wall (Cloudflare, Akamai), while a browser that runs the site's own script gets the
page. For an outlet with ``fetch: auto`` (the default), such a response is fetched once more
through Chromium (scrapy-playwright, the system browser), with the same User-Agent and its
contact, under the same politeness rules; once a browser fetch of an outlet passes, the outlet's
later requests go through the browser for the rest of the run. ``fetch: http`` never uses the
browser, ``fetch: browser`` always does. Nothing here solves a CAPTCHA or forges an identity: a
wall that a browser running the site's own script cannot pass stays a counted failure.

Counted per outlet (``crawler.monitor.figures``): ``browser_retries`` (pages sent to the
browser), ``browser_passed`` (the browser got the page), ``browser_blocked`` (still walled).
"""

from __future__ import annotations

import re
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.text.pages import has_challenge_marker

HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# A 403 is a bot wall's (not the outlet's own "forbidden") when one of these says so.
_WALL_SERVERS = re.compile(r"cloudflare|akamai|ddos-guard|sucuri|incapsula", re.I)
_WALL_BODY = re.compile(r"Access Denied|Reference #\d|Sorry, you have been blocked", re.I)
# Titles of a challenge still showing: the browser waits for the site's script to move on.
CHALLENGE_TITLES = "Just a moment|Checking your browser|Attention Required|DDoS-Guard"


def bot_wall(response: Response, in_browser: bool = False) -> str | None:
    """``challenge``, ``blocked`` (a wall's 403), or None for an ordinary response.

    ``in_browser``: the browser's status and headers are those of its first navigation (the
    wall's); what it shows after the site's script ran is the content, so only that is judged.
    """
    head = response.body[:65536].decode("utf-8", "replace")
    if has_challenge_marker(response.body[:65536]) and (
        in_browser or response.status in (200, 403, 429, 503)
    ):
        return "challenge"
    if in_browser:
        return "blocked" if _WALL_BODY.search(head) else None
    if response.status == 403:
        server = " ".join(
            (response.headers.get(name) or b"").decode("latin-1")
            for name in (b"Server", b"cf-mitigated", b"X-Iinfo", b"X-Sucuri-ID")
        )
        if _WALL_SERVERS.search(server) or response.headers.get(b"cf-mitigated"):
            return "blocked"
        if _WALL_BODY.search(head):
            return "blocked"
    return None


def browser_meta(wait_seconds: float | None = None) -> dict[str, Any]:
    """Request meta that sends a page through the browser, waiting until its scripts settled
    (and, after a wall, until the site's own challenge script has moved on)."""
    meta: dict[str, Any] = {
        "playwright": True,
        "playwright_page_goto_kwargs": {"wait_until": "networkidle"},
    }
    if wait_seconds:
        from scrapy_playwright.page import PageMethod

        meta["playwright_page_methods"] = [
            PageMethod(
                "wait_for_function",
                f"() => !/{CHALLENGE_TITLES}/i.test(document.title)",
                timeout=wait_seconds * 1000,
            ),
            PageMethod("wait_for_load_state", "networkidle"),
        ]
    return meta


def browser_available(crawler: Crawler) -> bool:
    handlers = crawler.settings.getdict("DOWNLOAD_HANDLERS")
    return handlers.get("https") == HANDLER


class BotWallMiddleware:
    """Downloader middleware: a walled response of a ``fetch: auto`` outlet is fetched once more
    through the browser (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.browser = browser_available(crawler)
        self.wait = crawler.settings.getfloat("PROHORI_CHALLENGE_WAIT")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BotWallMiddleware:
        return cls(crawler)

    def _inc(self, outlet: str, figure: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"prohori/outlet/{outlet}/{figure}")

    def process_response(self, request: Request, response: Response) -> Request | Response:
        spider: Spider | None = self.crawler.spider
        key = str(request.meta.get("outlet", ""))
        outlet = getattr(spider, "by_key", {}).get(key)
        if outlet is None or outlet.fetch != "auto":
            return response
        if request.meta.get("prohori_walled"):  # the browser's second try
            if bot_wall(response, in_browser=True):
                self._inc(key, "browser_blocked")
                return response
            self._inc(key, "browser_passed")
            switched: set[str] = getattr(spider, "browser_outlets", set())
            switched.add(key)
            # The first navigation answered the wall's status; the page is what came after.
            return response.replace(status=200) if response.status >= 400 else response
        wall = bot_wall(response)
        if not wall or request.meta.get("playwright"):
            return response
        if not self.browser:
            self._inc(key, "errors/no_browser_for_wall")
            return response
        self._inc(key, "browser_retries")
        return request.replace(
            dont_filter=True,
            meta={**request.meta, **browser_meta(self.wait), "prohori_walled": wall},
        )
