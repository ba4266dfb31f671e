"""Scrapy add-on: turn on scrapy-playwright when a crawl may need the browser.

That is a JavaScript outlet (``render: true``), an outlet fetched through the browser
(``fetch: browser``), or one that may meet a bot wall (``fetch: auto``, when Chromium is
installed; see ``crawler.fetch.botwall``). The Playwright handler then serves every request,
but only those marked for the browser open a page; the others go through Scrapy's own HTTP
handler, and the browser itself starts at the first page that needs it. Chromium comes from
the system (Debian's ``chromium`` package, path in ``PROHORI_BROWSER_PATH``), because
``playwright install`` downloads browsers from the internet, which CI machines and offline
users cannot reach.
"""

from __future__ import annotations

import os
from pathlib import Path

from scrapy.settings import BaseSettings

from crawler.outlets import SeedError, load_outlets

HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# Quiet, sandbox-free flags for a headless Chromium run as root in a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
]


def needs_browser(settings: BaseSettings) -> bool:
    """Whether this crawl may send a page through the browser: an outlet renders with
    JavaScript or fetches through the browser, or may meet a bot wall (``fetch: auto``) and the
    browser is installed to try it."""
    try:
        outlets = load_outlets(
            settings.get("PROHORI_SEEDS_DIR"), settings.get("PROHORI_OUTLET") or None
        )
    except SeedError:
        return False  # the spider reports the bad seed file itself
    if any(o.render or o.fetch == "browser" for o in outlets):
        return True
    browser = settings.get("PROHORI_BROWSER_PATH")
    return any(o.fetch == "auto" for o in outlets) and bool(browser) and Path(browser).exists()


def launch_options(settings: BaseSettings) -> dict[str, object]:
    options: dict[str, object] = {"headless": True, "args": CHROMIUM_ARGS}
    browser = settings.get("PROHORI_BROWSER_PATH")
    if browser:
        if not Path(browser).exists():
            raise RuntimeError(
                f"PROHORI_BROWSER_PATH={browser} does not exist: install Chromium "
                "(Debian: apt-get install chromium) or set PROHORI_BROWSER_PATH"
            )
        options["executable_path"] = browser
    miniweb = settings.get("PROHORI_MINIWEB")
    proxy = (f"http://{miniweb}" if miniweb and "://" not in miniweb else miniweb) or (
        os.environ.get("https_proxy") or os.environ.get("http_proxy")
    )
    if proxy:
        options["proxy"] = {"server": proxy}
    return options


class RenderAddon:
    """Listed in ADDONS; configures scrapy-playwright only when an outlet needs it."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not needs_browser(settings):
            return
        handlers = {"http": HANDLER, "https": HANDLER}
        settings.set("DOWNLOAD_HANDLERS", handlers, priority="addon")
        settings.set("PLAYWRIGHT_BROWSER_TYPE", "chromium", priority="addon")
        settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", launch_options(settings), priority="addon")
        settings.set(
            "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT",
            settings.getfloat("PROHORI_RENDER_TIMEOUT") * 1000,
            priority="addon",
        )
