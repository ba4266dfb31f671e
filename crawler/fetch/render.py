"""Scrapy add-on: turn on scrapy-playwright when a seed file says ``render: true``.

Rendering costs a browser, so the Playwright download handler is configured only for crawls
that include a JavaScript outlet; every other request still goes through Scrapy's own HTTP
handler. Chromium comes from the system (Debian's ``chromium`` package, path in
``PROHORI_BROWSER_PATH``), because ``playwright install`` downloads browsers from the internet,
which CI machines and offline users cannot reach.
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


def needs_rendering(settings: BaseSettings) -> bool:
    try:
        outlets = load_outlets(
            settings.get("PROHORI_SEEDS_DIR"), settings.get("PROHORI_OUTLET") or None
        )
    except SeedError:
        return False  # the spider reports the bad seed file itself
    return any(outlet.render for outlet in outlets)


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
        if not needs_rendering(settings):
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
