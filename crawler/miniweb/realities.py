"""Mini-web outlets that behave as real outlets did in 2026 (``../shared/outlet-evidence.md``).

Served with ``MiniWeb(realities=True)``; their seed files are in ``outlets_2026/``:

* ``deyal.test`` — behind a JavaScript cookie challenge: plain HTTP always gets a 403
  "Just a moment..." page whose script sets a cookie and reloads; a browser passes.
* ``sangbad-sutra.test`` — a Next.js listing whose story links exist only in the page's
  ``self.__next_f.push`` payload (as Dhaka Post's ``initialContents``).
* ``khabar-json.test`` — a latest-news JSON endpoint that answers only with
  ``X-Requested-With: XMLHttpRequest`` (as Jugantor's ``/ajax/load/latestnews``); its article
  pages print no date, so the JSON's ``created_at`` (Dhaka time, no offset) is the date.
* ``dainik-sitemap.test`` — one sitemap per day, the date in the URL; its stories are dated
  from today backwards, so a normal run finds today's and yesterday's.
* ``somoyer-kotha.test`` — an RSS feed whose "GMT" is Dhaka time (as Kaler Kantho's); its pages
  print no date.
* ``notun-path.test`` — changed its URL scheme: articles now live at ``/article/<12 hex>`` while
  its seed still allows only the old ``/news/<id>``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from crawler.miniweb.sites import Page, Site, Story, html_page, xml_page

DHAKA = ZoneInfo("Asia/Dhaka")
CLEARANCE = "mw_clearance=passed"
CHALLENGE = (
    "<!DOCTYPE html><html lang='en'><head><title>Just a moment...</title>"
    "<meta http-equiv='refresh' content='30'></head><body><h1>Checking your browser before"
    " accessing the site</h1><p>Enable JavaScript and cookies to continue</p><script>"
    "window._cf_chl_opt = {cType: 'managed'};"
    f"document.cookie = '{CLEARANCE}; path=/';"
    "setTimeout(function () { location.reload(); }, 300);</script></body></html>"
)


class Plain(Site):
    """A plain article page; ``dated`` pages carry <time> and a meta date, others none."""

    dated = True

    def path_of(self, story: Story) -> str:
        return f"/news/{story['id']}"

    def article(self, story: Story) -> str:
        meta, time = "", ""
        if self.dated:
            meta = f'<meta property="article:published_time" content="{story["published"]}">'
            time = f'<time datetime="{story["published"]}">{story["published"][:10]}</time>'
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story["paragraphs"])
        return (
            self.head(story, meta) + f"<body><header><a href='/'>{self.name}</a>{self.nav()}"
            f"</header><main><article><h1>{escape(story['title'])}</h1>{time}"
            f"<div class='story-body'>{paragraphs}</div></article></main>"
            f"<footer>© {self.name}</footer></body></html>"
        )

    def listing(self) -> str:
        items = "".join(
            f"<li><a href='{self.url_of(s)}'>{escape(s['title'])}</a></li>" for s in self.stories
        )
        return (
            f"<!DOCTYPE html><html lang='bn'><head><meta charset='utf-8'><title>সর্বশেষ | "
            f"{self.name}</title></head><body>{self.nav()}<main><ul>{items}</ul></main>"
            "</body></html>"
        )

    def rss(self, lying_gmt: bool = False) -> str:
        """The feed; ``lying_gmt``: Dhaka wall-clock times labelled GMT (Kaler Kantho's)."""
        items = []
        for s in self.stories:
            moment = datetime.fromisoformat(s["published"])
            stamp = (
                moment.astimezone(DHAKA).strftime("%a, %d %b %Y %H:%M:%S GMT")
                if lying_gmt
                else moment.strftime("%a, %d %b %Y %H:%M:%S %z")
            )
            items.append(
                f"<item><title><![CDATA[{s['title']}]]></title><link>{self.url_of(s)}</link>"
                f"<pubDate>{stamp}</pubDate></item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{self.name}</title><link>http://{self.host}/</link>{''.join(items)}"
            "</channel></rss>"
        )


class Deyal(Plain):
    host = "deyal.test"
    name = "দেয়াল"

    def gate(self, path: str, headers: Mapping[str, str]) -> Page | None:
        if path == "/robots.txt" or CLEARANCE in headers.get("Cookie", ""):
            return None
        return Page(403, CHALLENGE.encode(), headers={"Server": "cloudflare"})

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        return html_page(self.listing()) if path == "/latest" else None


class SangbadSutra(Plain):
    host = "sangbad-sutra.test"
    name = "সংবাদ সূত্র"

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        if path != "/latest":
            return None
        contents = [
            {"Id": s["id"], "Heading": s["title"], "URL": self.url_of(s), "Type": 1}
            for s in self.stories
        ]
        flight = "1a:" + json.dumps(
            ["$", "$L20", None, {"initialContents": contents, "slug": "latest"}],
            ensure_ascii=False,
        )
        push = json.dumps([1, flight + "\n"], ensure_ascii=False)
        return html_page(
            "<!DOCTYPE html><html lang='bn'><head><meta charset='utf-8'><title>সর্বশেষ | "
            f"{self.name}</title></head><body>{self.nav()}<main id='root'>লোড হচ্ছে…</main>"
            f"<script>self.__next_f.push({push})</script></body></html>"
        )


class KhabarJson(Plain):
    host = "khabar-json.test"
    name = "খবর জেসন"
    dated = False
    endpoint = "/ajax/load/latestnews/30/0/0"

    def gate(self, path: str, headers: Mapping[str, str]) -> Page | None:
        if path == self.endpoint and headers.get("X-Requested-With") != "XMLHttpRequest":
            return Page(403, b"<html><body><h1>Access denied</h1></body></html>")
        return None

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        if path == "/feed/rss.xml":  # the old feed: "Access denied" with a 200, as Jugantor's
            return html_page("<html><body><h1>Access denied</h1></body></html>")
        if path != self.endpoint:
            return None
        items = [
            {
                "url": self.url_of(s),
                "headline": s["title"],
                "created_at": datetime.fromisoformat(s["published"])
                .astimezone(DHAKA)
                .strftime("%Y-%m-%d %H:%M:%S"),
            }
            for s in self.stories
        ]
        return Page(200, json.dumps(items, ensure_ascii=False).encode(), "application/json")


class DainikSitemap(Plain):
    host = "dainik-sitemap.test"
    name = "দৈনিক সাইটম্যাপ"

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        prefix, suffix = "/sitemap/sitemap-daily-", ".xml"
        if not (path.startswith(prefix) and path.endswith(suffix)):
            return None
        day = path[len(prefix) : -len(suffix)]
        urls = "".join(
            f"<url><loc>{self.url_of(s)}</loc><lastmod>{s['published']}</lastmod></url>"
            for s in self.stories
            if datetime.fromisoformat(s["published"]).astimezone(DHAKA).date().isoformat() == day
        )
        return xml_page(
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )


class SomoyerKotha(Plain):
    host = "somoyer-kotha.test"
    name = "সময়ের কথা"
    dated = False

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        return xml_page(self.rss(lying_gmt=True)) if path == "/rss.xml" else None


class NotunPath(Plain):
    host = "notun-path.test"
    name = "নতুন পথ"

    def path_of(self, story: Story) -> str:
        return "/article/" + hashlib.sha1(str(story["id"]).encode()).hexdigest()[:12]

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        return xml_page(self.rss()) if path == "/feed" else None


SITES: tuple[type[Plain], ...] = (
    Deyal,
    SangbadSutra,
    KhabarJson,
    DainikSitemap,
    SomoyerKotha,
    NotunPath,
)
PER_SITE = 6


def reality_sites(stories: list[Story], now: datetime | None = None) -> dict[str, Site]:
    """Six ordinary Bengali stories for each outlet (none shared, none syndicated); the daily
    sitemap outlet's are dated one a day from today back."""
    pool = [
        s
        for s in stories
        if s["lang"] == "bn" and s["label"] == "irrelevant" and not s.get("copy_to")
    ][::-1]
    today = (
        (now or datetime.now(DHAKA))
        .astimezone(DHAKA)
        .replace(hour=9, minute=30, second=0, microsecond=0)
    )
    sites: dict[str, Site] = {}
    for n, cls in enumerate(SITES):
        chosen = [dict(s, outlet=cls.host) for s in pool[n * PER_SITE : (n + 1) * PER_SITE]]
        if cls is DainikSitemap:
            for age, story in enumerate(chosen):
                story["published"] = (today - timedelta(days=age)).isoformat()
        sites[cls.host] = cls(chosen)
    return sites
