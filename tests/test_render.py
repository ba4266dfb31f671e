"""A JavaScript outlet crawled through scrapy-playwright and the system Chromium.

`make test` installs Debian's chromium when it is missing (tools/ensure_chromium.sh); without
a browser this test fails with that instruction rather than being skipped.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.dedup.urls import canonical_url
from crawler.fetch.render import launch_options
from crawler.miniweb import JS_OUTLETS_DIR, OUTLETS_DIR, MiniWeb
from crawler.runner import project_settings
from tests.conftest import FAST, article_rows, prohori, status_json


@pytest.fixture
def js_web() -> Iterator[MiniWeb]:
    with MiniWeb(js=True) as web:
        yield web


def test_javascript_listing_is_rendered_and_crawled(js_web: MiniWeb, tmp_path: Path) -> None:
    browser = project_settings().get("PROHORI_BROWSER_PATH")
    assert Path(browser).exists() or shutil.which("chromium"), (
        f"{browser} missing: run `make test` (it installs Debian's chromium)"
    )
    db = tmp_path / "js.db"
    prohori(
        "crawl",
        "--seeds",
        str(JS_OUTLETS_DIR),
        "--db",
        str(db),
        "--log-level",
        "WARNING",
        "-s",
        f"PROHORI_MINIWEB={js_web.proxy_url}",
        *FAST,
    )
    site = js_web.sites["notun-din.test"]
    assert js_web.hits["notun-din.test/api/latest.json"] == 1  # the page's script ran
    stored = {row["canonical_url"] for row in article_rows(db)}
    assert stored == {canonical_url(site.url_of(s)) for s in site.stories}
    assert len(stored) == 12
    assert status_json(db)["outlets"][0]["health"] == "ok"


def test_plain_html_never_sees_the_javascript_links(js_web: MiniWeb) -> None:
    """Without rendering, the listing holds no article link: the browser is what finds them."""
    from crawler.fetch.discovery import listing_links
    from crawler.outlets import load_outlets

    outlet = load_outlets(JS_OUTLETS_DIR)[0]
    page = js_web.sites["notun-din.test"].route("/latest", {})
    assert page is not None
    assert listing_links(page.body.decode(), "http://notun-din.test/latest", outlet) == []


def test_the_browser_is_only_switched_on_for_outlets_that_may_need_it() -> None:
    """Plain-HTTP outlets (fetch: http) never start a browser; a JavaScript outlet does."""
    plain = project_settings({"PROHORI_SEEDS_DIR": str(OUTLETS_DIR)})
    from crawler.fetch.render import needs_browser

    assert not needs_browser(plain)
    assert needs_browser(project_settings({"PROHORI_SEEDS_DIR": str(JS_OUTLETS_DIR)}))
    options = launch_options(project_settings({"PROHORI_MINIWEB": "127.0.0.1:9"}))
    assert options["proxy"] == {"server": "http://127.0.0.1:9"}
    with pytest.raises(RuntimeError, match="apt-get install chromium"):
        launch_options(project_settings({"PROHORI_BROWSER_PATH": "/nonexistent/chromium"}))
