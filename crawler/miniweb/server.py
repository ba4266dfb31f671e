"""The mini-web server: stdlib ``ThreadingHTTPServer`` on a free 127.0.0.1 port.

It answers both as an HTTP proxy (absolute URLs in the request line, which is how Scrapy talks to
``http_proxy``) and as a plain server (the ``Host`` header picks the outlet). Unknown hosts get a
502: nothing ever leaves the machine. Every page carries an ``ETag`` and ``Last-Modified`` and
answers conditional requests with 304. Tests can replace any page (:meth:`MiniWeb.override`),
inject faults (:meth:`MiniWeb.fault`: 429 with Retry-After, 500, 503, timeouts, redirect loops,
anti-bot challenges, truncated bodies, gzip bombs, wrong charsets) and slow the site (``delay``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from crawler.miniweb.classic import build_sites
from crawler.miniweb.hostile import Bisakto, hostile_site
from crawler.miniweb.jsoutlet import NotunDin, js_site
from crawler.miniweb.realities import reality_sites
from crawler.miniweb.sites import Page, Site

DEFAULT_STORIES = Path(__file__).parent / "data" / "stories.jsonl"
CHALLENGE_PAGE = gzip.decompress(
    (Path(__file__).parent / "data" / "challenge.html.gz").read_bytes()
)
HTML = "text/html; charset=utf-8"
Headers = dict[str, str]


def fault_response(fault: dict[str, Any], page: Page, url: str) -> tuple[int, str, bytes, Headers]:
    """Status, content type, body and headers of an injected fault (``timeout`` sleeps first)."""
    kind = fault["kind"]
    if kind == "429":
        return 429, HTML, b"slow down", {"Retry-After": str(fault.get("retry_after", 1))}
    if kind in ("500", "503"):
        return int(kind), HTML, b"server error", {}
    if kind == "timeout":
        time.sleep(fault.get("seconds", 5))
        return 200, HTML, page.body, {}
    if kind == "redirect_loop":
        return 302, HTML, b"", {"Location": url}
    if kind == "challenge":
        return 503, HTML, CHALLENGE_PAGE, {}
    if kind == "truncated":  # promise the whole page, send half of it, hang up
        return 200, HTML, page.body[: len(page.body) // 2], {"X-Length": str(len(page.body))}
    if kind == "gzip_bomb":
        bomb = gzip.compress(b"\0" * fault.get("size", 64 * 1024 * 1024), 9)
        return 200, HTML, bomb, {"Content-Encoding": "gzip"}
    if kind == "wrong_charset":
        return 200, "text/html; charset=iso-8859-1", page.body, {}
    raise ValueError(f"unknown fault {kind!r}")


def load_stories(path: Path = DEFAULT_STORIES) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A crawler hanging up (a gzip bomb refused, a timeout) is normal here."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class MiniWeb:
    """A running replay of the fictional outlets; use as a context manager."""

    def __init__(
        self,
        stories_file: Path = DEFAULT_STORIES,
        port: int = 0,
        js: bool = False,
        hostile: bool = False,
        realities: bool = False,
    ) -> None:
        self.stories = load_stories(stories_file)
        self.sites: dict[str, Site] = build_sites(self.stories)
        if js:  # the JavaScript outlet, for crawls that render pages in a browser
            self.sites[NotunDin.host] = js_site(self.stories)
        if hostile:  # texts carrying HTML/JS payloads, for the review app's escaping test
            self.sites[Bisakto.host] = hostile_site()
        if realities:  # outlets as real ones behave in 2026: bot walls, JSON, daily sitemaps
            self.sites.update(reality_sites(self.stories))
        self.overrides: dict[tuple[str, str], Page] = {}
        self.hits: Counter[str] = Counter()  # "host/path" -> number of requests
        self.requested: list[str] = []  # every URL asked for, query included, in order
        self.faults: dict[tuple[str, str], dict[str, Any]] = {}
        self.delay = 0.0  # seconds added to every HTML response (to crawl slowly)
        self.not_modified = 0
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", port), self._handler_class())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> MiniWeb:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> MiniWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- content -------------------------------------------------------------------------
    def override(
        self,
        url: str,
        status: int = 200,
        body: str | bytes = b"",
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        """Serve ``body`` with ``status`` at ``url`` instead of the outlet's own page."""
        parts = urlsplit(url)
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.overrides[(parts.hostname or "", parts.path)] = Page(status, data, content_type)

    def fault(self, url: str, kind: str, times: int | None = None, **options: Any) -> None:
        """Serve fault ``kind`` at ``url`` (the first ``times`` requests, or always)."""
        parts = urlsplit(url)
        self.faults[(parts.hostname or "", parts.path)] = {"kind": kind, "left": times, **options}

    def take_fault(self, host: str, path: str) -> dict[str, Any] | None:
        with self._lock:
            fault = self.faults.get((host, path))
            if fault is None or fault["left"] == 0:
                return None
            if fault["left"] is not None:
                fault["left"] -= 1
            return fault

    def article_urls(self, host: str | None = None) -> list[str]:
        return [
            site.url_of(s)
            for h, site in self.sites.items()
            if host in (None, h)
            for s in site.stories
        ]

    def resolve(
        self,
        host: str,
        path: str,
        query: dict[str, str],
        url: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> Page:
        with self._lock:
            self.hits[f"{host}{path}"] += 1
            self.requested.append(url or f"http://{host}{path}")
        if (host, path) in self.overrides:
            return self.overrides[(host, path)]
        site = self.sites.get(host)
        if site is None:
            return Page(502, b"mini-web: unknown host (no request leaves 127.0.0.1)", "text/plain")
        page = site.gate(path, headers or {}) or site.route(path, query)
        return page or Page(404, b"<html><body><h1>404</h1></body></html>")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._serve(send_body=True)

            def do_HEAD(self) -> None:
                self._serve(send_body=False)

            def _serve(self, send_body: bool) -> None:
                target = urlsplit(self.path)
                host = (target.hostname or self.headers.get("Host", "").split(":")[0]).lower()
                path = target.path or "/"
                url = f"http://{host}{path}" + (f"?{target.query}" if target.query else "")
                page = web.resolve(
                    host, path, dict(parse_qsl(target.query)), url, dict(self.headers.items())
                )
                fault = web.take_fault(host, path)
                if fault is not None:
                    status, kind, body, headers = fault_response(fault, page, url)
                    length = int(headers.pop("X-Length", len(body)))
                    self._send(status, kind, body, send_body, headers, length)
                    if length != len(body):
                        self.close_connection = True
                    return
                if web.delay and page.content_type.startswith("text/html"):
                    time.sleep(web.delay)
                etag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'
                if page.status == 200 and self.headers.get("If-None-Match") == etag:
                    with web._lock:
                        web.not_modified += 1
                    self._send(304, page.content_type, b"", send_body, {"ETag": etag})
                    return
                headers = {"ETag": etag, "Last-Modified": "Sat, 22 Nov 2025 06:00:00 GMT"}
                self._send(
                    page.status,
                    page.content_type,
                    page.body,
                    send_body,
                    {**headers, **page.headers},
                )

            def _send(
                self,
                status: int,
                content_type: str,
                body: bytes,
                send_body: bool,
                headers: Headers,
                length: int | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if send_body:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the crawler's own stats say what was fetched."""

        return Handler
