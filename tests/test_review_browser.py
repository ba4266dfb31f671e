"""The review app in a real browser: Playwright drives Debian's Chromium against
`prohori serve` — log in, review three stories by keyboard with a note, search, and check the
database; the hostile outlet's payloads must not run; the research view draws its charts
(a screenshot is kept in test-artifacts/); Bengali is drawn with the shipped font.

`make test` installs chromium when it is missing (tools/ensure_chromium.sh); without a browser
this test fails with that instruction rather than being skipped.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect, sync_playwright

from crawler.fetch.render import launch_options
from crawler.runner import project_settings
from tests.conftest import REVIEWER, ROOT, serving
from tests.research_fixture import add_research_rows


@pytest.fixture
def server(fresh_review_db: Path) -> Iterator[str]:
    with serving(fresh_review_db) as base:
        yield base + "/"


@pytest.fixture
def page() -> Iterator[Page]:
    options = launch_options(project_settings())
    options.pop("proxy", None)  # the app is on 127.0.0.1: no proxy between
    assert Path(str(options.get("executable_path", "/usr/bin/chromium"))).exists(), (
        "chromium missing: run `make test` (it installs Debian's chromium)"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**options)  # type: ignore[arg-type]
        page = browser.new_page()
        page.set_default_timeout(15_000)
        dialogs: list[str] = []

        def refuse(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", refuse)
        yield page
        assert dialogs == [], f"a payload opened a dialog: {dialogs}"
        browser.close()


def queue_title(page: Page) -> str:
    return page.locator("#story-title").inner_text()


def test_review_three_stories_by_keyboard_then_search(
    server: str, page: Page, fresh_review_db: Path
) -> None:
    page.goto(server + "queue")
    expect(page).to_have_url(re.compile(r"/login\?next="))  # redirected to log in
    page.fill("input[name=username]", REVIEWER[0])
    page.fill("input[name=password]", REVIEWER[1])
    page.keyboard.press("Enter")
    expect(page.locator("#queue-count")).to_have_text("8 flagged stories to review")

    first = queue_title(page)
    page.keyboard.press("r")  # relevant
    expect(page.locator("#queue-count")).to_have_text("7 flagged stories to review")
    second = queue_title(page)
    assert second != first
    page.keyboard.press("e")  # into the note
    page.keyboard.type("শুধু কূটনৈতিক সফর, সামরিক কিছু নেই")
    page.keyboard.press("Escape")  # out of the note, so that the next key is a command
    page.keyboard.press("n")  # not relevant, with the note
    expect(page.locator("#queue-count")).to_have_text("6 flagged stories to review")
    third = queue_title(page)
    page.keyboard.press("s")  # skip: still in the queue, at its end
    expect(page.locator("#queue-count")).to_have_text("6 flagged stories to review")
    assert queue_title(page) != third

    conn = sqlite3.connect(fresh_review_db)
    stored = conn.execute(
        """select a.title, r.decision, r.reviewer, r.note, a.relevant from reviews r
           join articles a on a.canonical_url = r.canonical_url order by r.id"""
    ).fetchall()
    conn.close()
    assert [(t, d, who, note) for t, d, who, note, _ in stored] == [
        (first, "relevant", REVIEWER[0], None),
        (second, "irrelevant", REVIEWER[0], "শুধু কূটনৈতিক সফর, সামরিক কিছু নেই"),
        (third, "skip", REVIEWER[0], None),
    ]
    assert all(machine == 1 for *_, machine in stored)  # the machine label stays

    # Search by keyboard: "/" focuses the box; the query's য় is precomposed, the text's is not.
    page.keyboard.press("/")
    page.keyboard.type("রাশিয়া")
    page.keyboard.press("Enter")
    expect(page.locator("#search-count")).to_contain_text("articles for")
    assert page.locator("ol.hits mark").count() > 0
    assert page.locator("ol.hits mark", has_text="রাশিয়ার").count() > 0  # inflected form

    # The hostile outlet's stories: payloads are shown as text and none of them ran.
    page.goto(server + "queue?outlet=bisakto")
    expect(page.locator("#story-title")).to_contain_text("onerror=")
    expect(page.locator("article.story .text")).to_contain_text("<script>window.__pwned")
    page.locator("article.story .meta").hover()  # the byline's onmouseover, were it live
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("article.story script, article.story img").count() == 0


ARTIFACTS = ROOT / "test-artifacts"  # git-ignored; the screenshots a reader can look at


def log_in(page: Page, base: str) -> None:
    page.goto(base + "login")
    page.fill("input[name=username]", REVIEWER[0])
    page.fill("input[name=password]", REVIEWER[1])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/queue$"))


@pytest.fixture
def research_server(fresh_review_db: Path) -> Iterator[str]:
    add_research_rows(fresh_review_db)
    with serving(fresh_review_db) as base:
        yield base + "/"


def test_the_research_view_draws_every_chart(
    research_server: str, page: Page, tmp_path: Path
) -> None:
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    log_in(page, research_server)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(research_server + "research?since=2024-12-01&until=2025-04-30")
    drawn = page.locator("body[data-charts-drawn]")
    expect(drawn).to_have_attribute(
        "data-charts-drawn", "by-partner by-topic by-outlet threads coverage"
    )
    # Every canvas holds a drawing (not a blank bitmap), drawn by Chart.js under the CSP.
    inked = page.evaluate(
        """() => [...document.querySelectorAll('canvas')].map((c) => {
               const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
               let ink = 0;
               for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
               return [c.id, ink, Chart.getChart(c).data.datasets.length];
           })"""
    )
    assert [name for name, _, _ in inked] == [
        "canvas-by-partner", "canvas-by-topic", "canvas-by-outlet", "canvas-threads",
        "canvas-coverage",
    ]  # fmt: skip
    assert all(ink > 1000 and datasets >= 1 for _, ink, datasets in inked), inked
    timeline = page.evaluate("Chart.getChart('canvas-threads').data.labels")
    assert timeline == ["রাশিয়া থেকে অস্ত্র কিনছে ভারত", "ভারত ও চীনের সঙ্গে রুশ মহড়া", "শিরোনাম s3"]
    assert refused == []
    # The CSV link serves the chart's data.
    with page.expect_download() as download:
        page.locator("#by-partner a.csv").click()
    saved = tmp_path / "by-partner.csv"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8").startswith("month,partner,stories,stories_in_month")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = page.screenshot(path=str(ARTIFACTS / "research-view.png"), full_page=True)
    (tmp_path / "research-view.png").write_bytes(shot)
    assert shot.startswith(b"\x89PNG") and len(shot) > 50_000


def test_bengali_is_drawn_with_the_shipped_font(server: str, page: Page) -> None:
    log_in(page, server)
    page.evaluate("document.fonts.ready")
    title = page.locator("#story-title")
    expect(title).to_be_visible()
    text = title.inner_text()
    assert any("\u0980" <= c <= "\u09ff" for c in text)
    family = title.evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Prohori Bengali"')
    loaded = page.evaluate(
        """() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') ===
                 'Prohori Bengali' && f.status === 'loaded').map((f) => f.unicodeRange)"""
    )
    assert any("U+980-9FE" in r.upper() for r in loaded), loaded
    # What Chromium drew the headline with: the web font (a custom font), not a system one.
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#story-title"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    bengali = max(fonts, key=lambda f: f["glyphCount"])
    assert bengali["isCustomFont"] and "Noto Sans Bengali" in bengali["familyName"], fonts
    # A canvas draws the same words narrower or wider without it (a fallback has other glyphs,
    # or none on a machine with no Bengali font).
    widths = page.evaluate(
        """(text) => ['16px "Prohori Bengali"', '16px monospace'].map((font) => {
               const context = document.createElement('canvas').getContext('2d');
               context.font = font;
               return context.measureText(text).width;
           })""",
        text,
    )
    assert widths[0] > 0 and abs(widths[0] - widths[1]) > 1, widths
    # The font files are served by the app itself.
    response = page.request.get(server + "static/fonts/noto-sans-bengali-bengali-400-normal.woff2")
    assert response.ok and response.body()[:4] == b"wOF2"
    icon = page.request.get(server + "favicon.ico")
    assert icon.ok and b"<svg" in icon.body()
