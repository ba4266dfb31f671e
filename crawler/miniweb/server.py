"""The mini-web server: stdlib ``ThreadingHTTPServer`` on a free 127.0.0.1 port.

It answers both as an HTTP proxy (absolute URLs in the request line, which is how Scrapy talks to
``http_proxy``) and as a plain server (the ``Host`` header picks the outlet). Unknown hosts get a
502: nothing ever leaves the machine. Tests can replace any page with :meth:`MiniWeb.override`.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from crawler.miniweb.sites import Page, Site, build_sites

DEFAULT_STORIES = Path(__file__).parent / "data" / "stories.jsonl"


def load_stories(path: Path = DEFAULT_STORIES) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class MiniWeb:
    """A running replay of the fictional outlets; use as a context manager."""

    def __init__(self, stories_file: Path = DEFAULT_STORIES, port: int = 0) -> None:
        self.stories = load_stories(stories_file)
        self.sites: dict[str, Site] = build_sites(self.stories)
        self.overrides: dict[tuple[str, str], Page] = {}
        self.hits: Counter[str] = Counter()  # "host/path" -> number of requests
        self.requested: list[str] = []  # every URL asked for, query included, in order
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
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

    def article_urls(self, host: str | None = None) -> list[str]:
        return [
            site.url_of(s)
            for h, site in self.sites.items()
            if host in (None, h)
            for s in site.stories
        ]

    def resolve(self, host: str, path: str, query: dict[str, str], url: str = "") -> Page:
        with self._lock:
            self.hits[f"{host}{path}"] += 1
            self.requested.append(url or f"http://{host}{path}")
        if (host, path) in self.overrides:
            return self.overrides[(host, path)]
        site = self.sites.get(host)
        if site is None:
            return Page(502, b"mini-web: unknown host (no request leaves 127.0.0.1)", "text/plain")
        page = site.route(path, query)
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
                page = web.resolve(
                    host,
                    target.path or "/",
                    dict(parse_qsl(target.query)),
                    f"http://{host}{target.path}" + (f"?{target.query}" if target.query else ""),
                )
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                for key, value in page.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if send_body:
                    self.wfile.write(page.body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the crawler's own stats say what was fetched."""

        return Handler
