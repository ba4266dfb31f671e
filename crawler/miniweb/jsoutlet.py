"""The mini-web's JavaScript outlet: only a rendering crawler finds its articles."""

from __future__ import annotations

import json

from crawler.miniweb.classic import DainikAlo
from crawler.miniweb.sites import Page, Story, html_page


class NotunDin(DainikAlo):
    """A JavaScript outlet: its latest-news list is built in the browser from a JSON API, so
    only a rendering crawler (scrapy-playwright) finds its articles. Served only when asked
    for (``MiniWeb(js=True)``); its seed file lives in ``outlets_js/``."""

    host = "notun-din.test"
    name = "নতুন দিন"
    galleries = 0

    def path_of(self, story: Story) -> str:
        return f"/news/{story['id']}"

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        if path == "/latest":
            return html_page(
                "<!DOCTYPE html><html lang='bn'><head><meta charset='utf-8'><title>সর্বশেষ | "
                f"{self.name}</title></head><body>{self.nav()}<main><h1>সর্বশেষ</h1>"
                "<div id='news-list'>লোড হচ্ছে…</div></main><script>"
                "fetch('/api/latest.json').then(r => r.json()).then(items => {"
                "const list = document.getElementById('news-list'); list.textContent = '';"
                "for (const item of items) { const a = document.createElement('a');"
                "a.href = item.url; a.textContent = item.title; const p = document.createElement"
                "('p'); p.appendChild(a); list.appendChild(p); } });</script></body></html>"
            )
        if path == "/api/latest.json":
            items = [{"url": self.path_of(s), "title": s["title"]} for s in self.stories]
            return Page(
                200,
                json.dumps(items, ensure_ascii=False).encode("utf-8"),
                "application/json; charset=utf-8",
            )
        return None


def js_site(stories: list[Story]) -> NotunDin:
    """Twelve ordinary (irrelevant, Bengali) stories of the RSS outlet, under the JS outlet."""
    chosen = [
        s
        for s in stories
        if s["outlet"] == DainikAlo.host and s["lang"] == "bn" and s["label"] == "irrelevant"
    ][:12]
    return NotunDin([dict(s, outlet=NotunDin.host) for s in chosen])
