"""The review app in a real browser: Playwright drives Debian's Chromium against
`prohori serve` — log in, review three stories by keyboard with a note, search, and check the
database; the hostile outlet's payloads must not run.

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
from tests.conftest import REVIEWER, serving


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
