"""What every mini-web outlet shares: pages, Bengali dates and digits, and the ``Site`` base.

The outlets themselves are in ``crawler.miniweb.classic`` (and the JavaScript and hostile
outlets in their own modules).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

Story = dict[str, Any]
BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
BN_MONTHS = [
    "জানুয়ারি",
    "ফেব্রুয়ারি",
    "মার্চ",
    "এপ্রিল",
    "মে",
    "জুন",
    "জুলাই",
    "আগস্ট",
    "সেপ্টেম্বর",
    "অক্টোবর",
    "নভেম্বর",
    "ডিসেম্বর",
]
SECTION_BN = {
    "international": "আন্তর্জাতিক",
    "national": "জাতীয়",
    "economy": "অর্থনীতি",
    "sports": "খেলা",
    "english": "English",
}
# The site-wide "today" bar is frozen so that pages are byte-identical between runs.
TODAY_BAR = "রবিবার, ২৩ নভেম্বর ২০২৫ | ৮ অগ্রহায়ণ ১৪৩২"
PER_PAGE = 10
PRIVATE_PATH = "/private/news-999"  # under every outlet's "Disallow: /private/"


def bn(value: object) -> str:
    return str(value).translate(BN_DIGITS)


def bn_date(iso: str, with_time: bool = True) -> str:
    moment = datetime.fromisoformat(iso)
    text = f"{bn(f'{moment.day:02d}')} {BN_MONTHS[moment.month - 1]} {bn(moment.year)}"
    return text + (f", {bn(moment.strftime('%H:%M'))}" if with_time else "")


@dataclass
class Page:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def html_page(body: str) -> Page:
    return Page(200, body.encode("utf-8"))


def xml_page(body: str) -> Page:
    return Page(200, body.encode("utf-8"), "application/xml; charset=utf-8")


class Site:
    """Base class: stories of one outlet, routing, and shared bits of chrome."""

    host = ""
    name = ""
    disallow = "/private/"

    def __init__(self, stories: list[Story]) -> None:
        self.stories = sorted(stories, key=lambda s: s["published"], reverse=True)
        self.by_path = {self.path_of(s): s for s in self.stories}

    # -- routing -------------------------------------------------------------------------
    def path_of(self, story: Story) -> str:
        raise NotImplementedError

    def url_of(self, story: Story) -> str:
        return f"http://{self.host}{self.path_of(story)}"

    def route(self, path: str, query: dict[str, str]) -> Page | None:
        if path == "/robots.txt":
            return Page(200, self.robots().encode(), "text/plain; charset=utf-8")
        story = self.by_path.get(path)
        if story is not None:
            return html_page(self.article(story))
        return self.extra_route(path, query)

    def gate(self, path: str, headers: Mapping[str, str]) -> Page | None:
        """A page served instead of any other, judged from the request's headers (a bot wall,
        an endpoint that wants a header); None lets the request through."""
        return None

    def robots(self) -> str:
        return f"User-agent: *\nDisallow: {self.disallow}\n"

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        return None

    # -- chrome --------------------------------------------------------------------------
    def latest(self, exclude: Story, n: int = 5) -> list[Story]:
        return [s for s in self.stories if s is not exclude and s["lang"] == "bn"][:n]

    def link_list(self, stories: list[Story], cls: str) -> str:
        items = "".join(
            f'<li><a href="{self.url_of(s)}">{escape(s["title"])}</a></li>' for s in stories
        )
        return f'<ul class="{cls}">{items}</ul>'

    def nav(self) -> str:
        links = "".join(
            f'<li><a href="/section/{key}">{label}</a></li>' for key, label in SECTION_BN.items()
        )
        return f'<nav class="main-menu"><ul><li><a href="/">প্রচ্ছদ</a></li>{links}</ul></nav>'

    def paragraphs(self, story: Story, insert_html: str) -> str:
        inserts: dict[int, list[str]] = {}
        for position, title in story.get("inserts") or []:
            inserts.setdefault(position, []).append(title)
        parts: list[str] = []
        for i, para in enumerate(story["paragraphs"]):
            for title in inserts.get(i, []):
                parts.append(insert_html.format(title=escape(title)))
            parts.append(f"<p>{escape(para)}</p>")
        return "\n".join(parts)

    def head(self, story: Story, extra: str = "") -> str:
        lang = story["lang"]
        return (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{escape(story['title'])} | {self.name}</title>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="canonical" href="{self.url_of(story)}">'
            f'<meta property="og:title" content="{escape(story["title"])}">'
            f'<meta property="og:site_name" content="{self.name}">{extra}</head>'
        )

    def article(self, story: Story) -> str:
        raise NotImplementedError
