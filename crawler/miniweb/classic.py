"""The four fictional outlets of the mini-web, and how stories are shared out among them.

Each outlet exposes its stories differently (RSS only; a news sitemap; paginated section pages;
a WordPress sitemap) and wraps them in the kinds of chrome real Bengali outlets use: date bars,
read-more inserts, related/latest lists, desk codes, share widgets and editor footers.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from html import escape

from crawler.miniweb.sites import (
    PER_PAGE,
    PRIVATE_PATH,
    SECTION_BN,
    TODAY_BAR,
    Page,
    Site,
    Story,
    bn,
    bn_date,
    html_page,
    xml_page,
)


class DainikAlo(Site):
    """RSS only; JSON-LD and <time> carry the dates (modelled on Prothom Alo)."""

    host = "dainik-alo.test"
    name = "দৈনিক আলো"
    galleries = 2

    def path_of(self, story: Story) -> str:
        return f"/{story['section']}/news-{story['id']}"

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        if path == "/feed/rss.xml":
            return xml_page(self.rss())
        if path == PRIVATE_PATH:  # listed in the feed, but robots.txt forbids it
            return html_page(self.article(self.stories[0]))
        if path.startswith("/photo/gallery-"):
            imgs = "".join(f'<figure><img src="/media/{i}.jpg" alt=""></figure>' for i in range(8))
            return html_page(
                f"<!DOCTYPE html><html lang='bn'><head><meta charset='utf-8'><title>ছবিতে দিনের খবর"
                f" | {self.name}</title></head><body>{self.nav()}<main class='gallery'>{imgs}"
                "</main></body></html>"
            )
        return None

    def rss(self) -> str:
        items = []
        for s in self.stories:
            moment = datetime.fromisoformat(s["published"])
            items.append(
                f"<item><title><![CDATA[{s['title']}]]></title><link>{self.url_of(s)}</link>"
                f"<guid isPermaLink='true'>{self.url_of(s)}</guid>"
                f"<pubDate>{moment.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate>"
                f"<category>{SECTION_BN[s['section']]}</category></item>"
            )
        items.append(
            f"<item><title>অভ্যন্তরীণ নোট</title><link>http://{self.host}{PRIVATE_PATH}"
            "</link><pubDate>Sat, 22 Nov 2025 09:00:00 +0600</pubDate></item>"
        )
        for n in range(1, self.galleries + 1):
            link = f"http://{self.host}/photo/gallery-{n}"
            items.append(
                f"<item><title>ছবিতে দিনের খবর {bn(n)}</title><link>{link}</link>"
                "<pubDate>Sat, 22 Nov 2025 09:00:00 +0600</pubDate></item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{self.name}</title><link>http://{self.host}/</link>"
            f"<description>সর্বশেষ খবর</description>{''.join(items)}</channel></rss>"
        )

    def article(self, story: Story) -> str:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story["title"],
            "datePublished": story["published"],
            "dateModified": story.get("modified") or story["published"],
            "author": [{"@type": "Person", "name": story.get("author") or "নিজস্ব প্রতিবেদক"}],
            "publisher": {"@type": "Organization", "name": self.name},
            "articleSection": SECTION_BN[story["section"]],
            "mainEntityOfPage": self.url_of(story),
        }
        ld_tag = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        insert = '<p class="read-more"><strong>আরও পড়ুন</strong> <a href="/">{title}</a></p>'
        return (
            self.head(story, ld_tag)
            + f'<body><header class="site-header"><a class="logo" href="/">{self.name}</a>'
            f"{self.nav()}</header><main><article class='story'>"
            f'<div class="breadcrumb"><a href="/section/{story["section"]}">'
            f"{SECTION_BN[story['section']]}</a></div><h1>{escape(story['title'])}</h1>"
            f'<div class="byline">{escape(story.get("author") or "নিজস্ব প্রতিবেদক")}</div>'
            f'<time datetime="{story["published"]}">{bn_date(story["published"])}</time>'
            f'<div class="story-content">{self.paragraphs(story, insert)}</div>'
            '<div class="share">শেয়ার করুন: ফেসবুক | এক্স | হোয়াটসঅ্যাপ</div>'
            f"</article><aside><h2>সর্বশেষ</h2>{self.link_list(self.latest(story), 'latest')}"
            f"<h2>সর্বাধিক পঠিত</h2>{self.link_list(self.latest(story, 8)[3:], 'popular')}"
            "</aside></main><footer><p>সম্পাদক ও প্রকাশক: মতিন রহমান</p><p>প্রগতি ইনস্যুরেন্স ভবন,"
            " ২০-২১ কারওয়ান বাজার, ঢাকা ১২১৫</p><p>© দৈনিক আলো ২০২৫ সর্বস্বত্ব সংরক্ষিত</p>"
            "</footer></body></html>"
        )


class Khobor24(Site):
    """A news sitemap; meta tags carry the dates; English edition pages too."""

    host = "khobor24.test"
    name = "খবর২৪"

    def path_of(self, story: Story) -> str:
        prefix = "/english" if story["lang"] == "en" else ""
        return f"{prefix}/news/{story['id']}"

    def robots(self) -> str:
        return super().robots() + f"Sitemap: http://{self.host}/sitemap-news.xml\n"

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        if path != "/sitemap-news.xml":
            return None
        urls = "".join(
            f"<url><loc>{self.url_of(s)}</loc><news:news><news:publication><news:name>"
            f"{self.name}</news:name><news:language>{s['lang']}</news:language>"
            f"</news:publication><news:publication_date>{s['published']}"
            f"</news:publication_date><news:title>{escape(s['title'])}</news:title>"
            "</news:news></url>"
            for s in self.stories
        )
        return xml_page(
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>"
        )

    def article(self, story: Story) -> str:
        meta = (
            f'<meta property="article:published_time" content="{story["published"]}">'
            f'<meta property="article:section" content="{SECTION_BN[story["section"]]}">'
        )
        insert = '<p>আরও পড়ুন : <a href="/">{title}</a></p>'
        caption = (
            f'<figure><img src="/media/{story["id"]}.jpg" alt="">'
            f"<figcaption>{escape(story['caption'])}</figcaption></figure>"
            if story.get("caption")
            else ""
        )
        desk = f'<p class="desk">{escape(story["desk"])}</p>' if story.get("desk") else ""
        date_text = story["published"] if story["lang"] == "en" else bn_date(story["published"])
        return (
            self.head(story, meta)
            + f'<body><div class="topbar">• {TODAY_BAR} | ২৮ °সে • বেটা ভার্সন</div>'
            f'<header><a href="/" class="logo">{self.name}</a>{self.nav()}</header><main>'
            f"<div class='details'><h1 class='headline'>{escape(story['title'])}</h1>"
            f"<div class='author'>{escape(story.get('author') or 'আন্তর্জাতিক ডেস্ক')}</div>"
            f"<div class='pub'>{date_text}</div>{caption}"
            f"<div class='news-body'>{self.paragraphs(story, insert)}{desk}</div></div>"
            f"<div class='tabs'><span>সর্বশেষ</span><span>সর্বাধিক পঠিত</span>"
            f"{self.link_list(self.latest(story), 'tab-latest')}</div></main>"
            "<footer><p>নির্বাহী সম্পাদক: গোলাম যাকারিয়া</p><p>সম্পাদকীয় কার্যালয় ১৪৭/ডি, গ্রীন রোড,"
            " ঢাকা-১২১৫।</p><p>যোগাযোগ: 02-48118243, +8801907484702</p><p>এই ওয়েবসাইটের কোনো লেখা,"
            " ছবি, অডিও, ভিডিও অনুমতি ছাড়া ব্যবহার বেআইনি।</p><p>Developed by : খবর২৪ মিডিয়া লিমিটেড"
            "</p></footer></body></html>"
        )


class BartaBazar(Site):
    """Paginated section pages; the only dates are written in Bengali (modelled on Samakal)."""

    host = "barta-bazar.test"
    name = "বার্তা বাজার"

    def path_of(self, story: Story) -> str:
        return f"/{story['section']}/article/{story['id']}/story-{story['id']}"

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        page = int(query.get("page", "1")) if query.get("page", "1").isdigit() else 1
        if path.startswith("/archive/"):  # /archive/YYYY-MM-DD: the stories of one day
            day = path.removeprefix("/archive/")
            stories = [s for s in self.stories if s["published"][:10] == day]
            return self.listing(f"/archive/{day}", f"আর্কাইভ {bn(day)}", stories, page)
        if not path.startswith("/section/"):
            return None
        section = path.removeprefix("/section/")
        if section not in SECTION_BN:
            return None
        stories = [s for s in self.stories if s["section"] == section]
        return self.listing(f"/section/{section}", SECTION_BN[section], stories, page)

    def listing(self, base: str, heading: str, stories: list[Story], page: int) -> Page:
        chunk = stories[(page - 1) * PER_PAGE : page * PER_PAGE]
        cards = "".join(
            f'<div class="card"><a href="{self.path_of(s)}"><h3>{escape(s["title"])}</h3></a>'
            f'<span class="time">{bn_date(s["published"], False)}</span></div>'
            for s in chunk
        )
        pager = ""
        if page * PER_PAGE < len(stories):
            pager = f'<a class="next" rel="next" href="{base}?page={page + 1}">পরের পাতা</a>'
        return html_page(
            f"<!DOCTYPE html><html lang='bn'><head><meta charset='utf-8'><title>"
            f"{heading} | {self.name}</title></head><body>"
            f"<div class='date-bar'>{TODAY_BAR}</div>{self.nav()}<main class='listing'>"
            f"<h1>{heading}</h1>{cards}<div class='pager'>{pager}</div></main>"
            "</body></html>"
        )

    def article(self, story: Story) -> str:
        published = f"প্রকাশ: {bn_date(story['published'])}"
        if story.get("modified"):
            published += f" | আপডেট: {bn_date(story['modified'])}"
        desk = f'<p class="desk-code">{escape(story["desk"])}</p>' if story.get("desk") else ""
        insert = '<div class="inline-related">আরও পড়ুনঃ <a href="/">{title}</a></div>'
        return (
            f"<!DOCTYPE html><html lang='bn'><head><meta charset='utf-8'><title>"
            f"{escape(story['title'])} | {self.name}</title></head><body>"
            f"<div class='date-bar'>{TODAY_BAR}</div><header><a href='/'>{self.name}</a>"
            f"{self.nav()}</header><main><div class='content-details'>"
            f"<h1>{escape(story['title'])}</h1>"
            f"<div class='reporter'>{escape(story.get('author') or 'নিজস্ব প্রতিবেদক')}</div>"
            f"<div class='publish-time'>{published}</div>"
            f"<div class='description'>{self.paragraphs(story, insert)}{desk}</div></div>"
            f"<section class='related'><h2>সম্পর্কিত</h2>"
            f"{self.link_list(self.latest(story, 3), 'rel')}</section>"
            f"<section><h2>সর্বশেষ খবর</h2>{self.link_list(self.latest(story), 'last')}</section>"
            "</main><footer>সম্পাদক: আবু সাঈদ | ফোন: ০২-৯৮৭৬৫৪৩ | ই-মেইল: info@barta-bazar.test"
            "</footer></body></html>"
        )


class SonarDesh(Site):
    """A WordPress site (wp-sitemap.xml) with the seeds' WordPress boilerplate."""

    host = "sonar-desh.test"
    name = "সোনার দেশ"

    def path_of(self, story: Story) -> str:
        moment = datetime.fromisoformat(story["published"])
        return f"/{moment:%Y/%m/%d}/post-{story['id']}/"

    def robots(self) -> str:
        return super().robots() + "Disallow: /wp-admin/\n"

    def extra_route(self, path: str, query: dict[str, str]) -> Page | None:
        if path == "/wp-sitemap.xml":
            return xml_page(
                '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
                'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>'
                f"http://{self.host}/wp-sitemap-posts-post-1.xml</loc></sitemap></sitemapindex>"
            )
        if path == "/wp-sitemap-posts-post-1.xml":
            urls = "".join(
                f"<url><loc>{self.url_of(s)}</loc><lastmod>{s.get('modified') or s['published']}"
                "</lastmod></url>"
                for s in self.stories
            )
            return xml_page(
                '<?xml version="1.0" encoding="UTF-8"?><urlset '
                f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            )
        return None

    def article(self, story: Story) -> str:
        meta = f'<meta property="article:published_time" content="{story["published"]}">'
        insert = '<p><strong>আরও পড়ুনঃ</strong>  <a href="/">{title}</a></p>'
        source_link = (
            '<p><a href="/" rel="nofollow">Source link</a></p>' if story.get("is_copy") else ""
        )
        author = escape(story.get("author") or "staffreporter")
        return (
            self.head(story, meta)
            + f"<body class='post-template-default single single-post'><div class='td-header'>"
            f"<div class='td-date'>{TODAY_BAR}</div><div class='td-ad'>spot_img</div>"
            f"{self.nav()}</div><div class='td-post-content'><article class='post type-post'>"
            f"<header class='td-post-title'><h1 class='entry-title'>{escape(story['title'])}</h1>"
            f"<div class='td-module-meta-info'><span class='td-post-author-name'>প্রতিবেদক "
            f"<a href='/author/{author}/'>{author}</a></span> <span class='td-post-date'>"
            f"<time class='entry-date updated td-module-date' datetime='{story['published']}'>"
            f"{bn_date(story['published'])}</time></span></div></header>"
            f"<div class='entry-content'>{self.paragraphs(story, insert)}{source_link}</div>"
            "<div class='td-a-rec'>spot_img</div>"
            "<div class='fb-comments'>Facebook Comments Box</div>"
            "<div class='td-share'>Spread the love</div></article>"
            f"<div class='td-related'><h4>RELATED ARTICLES</h4>"
            f"{self.link_list(self.latest(story, 3), 'related')}</div>"
            "<div class='td-ad'>- Advertisment -</div>"
            "<div class='td-popular'><h4>Most Popular</h4>"
            f"{self.link_list(self.latest(story), 'mp')}"
            "</div></div><footer class='td-footer'>© সোনার দেশ | Developed by সোনার দেশ আইটি"
            "</footer></body></html>"
        )


SITES: tuple[type[Site], ...] = (DainikAlo, Khobor24, BartaBazar, SonarDesh)


def build_sites(stories: list[Story]) -> dict[str, Site]:
    """Distribute stories to their outlets, adding the syndicated copies (two hours later)."""
    per_host: dict[str, list[Story]] = {cls.host: [] for cls in SITES}
    for story in stories:
        per_host[story["outlet"]].append(story)
        if story.get("copy_to"):
            copy = dict(story, outlet=story["copy_to"], is_copy=True, copy_of=story["id"])
            if story.get("copy_edit"):
                copy["title"] = "বিস্তারিত: " + story["title"]
                copy["paragraphs"] = [*story["paragraphs"][:-1], "সূত্র: বাসস"]
            moment = datetime.fromisoformat(story["published"]) + timedelta(hours=2)
            copy["published"] = moment.isoformat()
            per_host[story["copy_to"]].append(copy)
    return {cls.host: cls(per_host[cls.host]) for cls in SITES}
