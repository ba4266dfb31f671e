"""Generated outlets of any size, for the soak and scale benchmarks (``benchmarks/``).

A :class:`Bulk` outlet is a WordPress site like ``sonar-desh.test`` (a sitemap index, one child
sitemap per thousand stories, the same page chrome) whose stories are made on request from the
real stories' sentences: story *n* takes twenty sentences chosen by a generator seeded with
*n*, so every page is the same in every run, texts differ from one another (the dedup stage
sees distinct articles, not thousands of copies), and a million stories cost no memory until
they are asked for. Dates go back one minute per story from a fixed moment.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from crawler.miniweb.classic import SonarDesh
from crawler.miniweb.sites import Page, Story, html_page, xml_page

PER_SITEMAP = 1000
SENTENCES = 20  # per story: about the length of the real stories
NEWEST = datetime.fromisoformat("2025-11-22T12:00:00+06:00")
_SENTENCE_END = re.compile(r"(?<=[।?!])\s+")
_PATH = re.compile(r"^/\d{4}/\d\d/\d\d/post-(\d+)/$")


class Bulk(SonarDesh):
    def __init__(self, host: str, name: str, count: int, stories: list[Story]) -> None:
        super().__init__([])
        self.host, self.name, self.count = host, name, count
        self.sentences = [
            sentence
            for story in stories
            if story["lang"] == "bn"
            for paragraph in story["paragraphs"]
            for sentence in _SENTENCE_END.split(paragraph)
            if len(sentence) > 40
        ]
        self.titles = [s["title"] for s in stories if s["lang"] == "bn"]

    def story(self, n: int) -> Story:
        chooser = random.Random(n)
        picked = chooser.sample(self.sentences, SENTENCES)
        published = (NEWEST - timedelta(minutes=n)).isoformat()
        return {
            "id": n,
            "lang": "bn",
            "title": f"{chooser.choice(self.titles)} ({n})",
            "paragraphs": [" ".join(picked[i : i + 4]) for i in range(0, SENTENCES, 4)],
            "published": published,
            "section": "national",
        }

    def path_of(self, story: Story) -> str:
        return f"/{datetime.fromisoformat(story['published']):%Y/%m/%d}/post-{story['id']}/"

    def latest(self, exclude: Story, n: int = 5) -> list[Story]:
        first = int(exclude["id"]) + 1
        return [self.story(i) for i in range(first, min(first + n, self.count))]

    def route(self, path: str, query: dict[str, str]) -> Page | None:
        found = _PATH.match(path)
        if found and int(found[1]) < self.count:
            story = self.story(int(found[1]))
            if self.path_of(story) == path:
                return html_page(self.article(story))
        return super().route(path, query)

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        namespace = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        if path == "/wp-sitemap.xml":
            children = "".join(
                f"<sitemap><loc>http://{self.host}/wp-sitemap-posts-post-{k + 1}.xml</loc>"
                "</sitemap>"
                for k in range((self.count + PER_SITEMAP - 1) // PER_SITEMAP)
            )
            return xml_page(
                f"<?xml version='1.0'?><sitemapindex {namespace}>{children}</sitemapindex>"
            )
        found = re.fullmatch(r"/wp-sitemap-posts-post-(\d+)\.xml", path)
        if found:
            start = (int(found[1]) - 1) * PER_SITEMAP
            urls = "".join(
                f"<url><loc>{self.url_of(self.story(n))}</loc></url>"
                for n in range(start, min(start + PER_SITEMAP, self.count))
            )
            return xml_page(f"<?xml version='1.0'?><urlset {namespace}>{urls}</urlset>")
        return None


def bulk_seed(folder: Path, host: str, name: str) -> Path:
    """Write the seed file of a generated outlet into ``folder``."""
    path = folder / f"{host.split('.')[0]}.yaml"
    path.write_text(
        "# A generated mini-web outlet (crawler/miniweb/generated.py), for benchmarks.\n"
        f"name: {name}\ndomain: {host}\nhomepage: http://{host}/\nlanguage: bn\ncountry: BD\n"
        "timezone: Asia/Dhaka\nrender: false\nfetch: http\nverified: true\nsources:\n"
        f"  - type: sitemap\n    url: http://{host}/wp-sitemap.xml\nallow:\n"
        f"  - '^http://{re.escape(host)}/\\d{{4}}/\\d\\d/\\d\\d/[^/]+/$'\n",
        encoding="utf-8",
    )
    return path
