"""Link discovery on real feeds and real section pages, against gold lists made by reading them.

The gold lists in tests/resources/discovery/gold were written from the files themselves (see
tests/resources/discovery/README.md), never from crawler.fetch.discovery, so these tests can fail.
"""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from crawler.fetch.discovery import Link, feed_links, listing_links, sitemap_entries
from crawler.outlets import Outlet, load_outlets
from tests.conftest import ROOT

RESOURCES = ROOT / "tests" / "resources"
DISCOVERY = RESOURCES / "discovery"
GOLD = DISCOVERY / "gold"
FEEDS = sorted(p.name.removesuffix(".rss.xml.gz") for p in (DISCOVERY / "feeds").glob("*.gz"))
PAGES = [
    "prothomalo-opinion-section",
    "samakal-opinion-section",
    "amadershomoy-opinion-section",
]


@pytest.fixture(scope="module")
def outlets() -> dict[str, Outlet]:
    return {outlet.key: outlet for outlet in load_outlets(ROOT / "seeds")}


def gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    return data


SINGLE_OUTLET_FEEDS = [name for name in FEEDS if gold(name)["outlet_seed"] is not None]


def urls(links: list[Link]) -> list[str]:
    return [link.url for link in links]


def test_every_feed_and_page_has_a_gold_list() -> None:
    assert len(FEEDS) == 7
    assert [n for n in FEEDS if n != "opinion-aggregate"] == SINGLE_OUTLET_FEEDS
    assert sorted(p.stem for p in GOLD.glob("*.json")) == sorted([*FEEDS, *PAGES])


@pytest.mark.parametrize("name", FEEDS)
def test_feed_links_are_exactly_the_gold_items_in_order(name: str) -> None:
    expected = gold(name)
    body = gzip.decompress((DISCOVERY / "feeds" / f"{name}.rss.xml.gz").read_bytes())
    links = feed_links(body, expected["base_url"])
    assert urls(links) == expected["links"]
    assert all(link.title for link in links), "every real item has a title"


@pytest.mark.parametrize("name", SINGLE_OUTLET_FEEDS)
def test_feed_gold_links_are_articles_for_the_outlet_seed(
    name: str, outlets: dict[str, Outlet]
) -> None:
    expected = gold(name)
    outlet = outlets[expected["outlet_seed"]]
    rejected = [url for url in expected["links"] if not outlet.is_article_url(url)]
    assert rejected == []


def test_aggregate_feed_links_are_articles_for_each_owning_seed(
    outlets: dict[str, Outlet],
) -> None:
    links = gold("opinion-aggregate")["links"]
    owned = {url: [o for o in outlets.values() if o.owns(url)] for url in links}
    covered = {o.key for owners in owned.values() for o in owners}
    assert {"ittefaq", "manab-zamin", "naya-diganta", "dhaka-post", "jago-news-24"} <= covered
    rejected = [(o.key, url) for url, os in owned.items() for o in os if not o.is_article_url(url)]
    assert rejected == []


@pytest.mark.parametrize("name", PAGES)
def test_listing_links_are_exactly_the_gold_article_links(
    name: str, outlets: dict[str, Outlet]
) -> None:
    expected = gold(name)
    html = gzip.decompress((RESOURCES / "pages" / f"{name}.html.gz").read_bytes()).decode("utf-8")
    outlet = outlets[expected["outlet_seed"]]
    assert urls(listing_links(html, expected["base_url"], outlet)) == expected["links"]


def test_section_page_gold_counts() -> None:
    counts = {name: len(gold(name)["links"]) for name in PAGES}
    assert counts == {
        "prothomalo-opinion-section": 21,
        "samakal-opinion-section": 15,
        "amadershomoy-opinion-section": 35,
    }


NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://samakal.com/international/article/355430/russia-defence</loc>
    <news:news>
      <news:publication><news:name>Samakal</news:name><news:language>bn</news:language>
      </news:publication>
      <news:publication_date>2026-06-06T07:07:00+06:00</news:publication_date>
      <news:title>রুশ প্রতিরক্ষা
      </news:title>
    </news:news>
  </url>
  <url>
    <loc> https://samakal.com/opinion/article/355429/hormuz </loc>
    <lastmod>2026-06-05</lastmod>
  </url>
  <url><lastmod>2026-06-04</lastmod></url>
</urlset>
""".encode()

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://samakal.com/sitemap/news.xml</loc><lastmod>2026-06-06</lastmod></sitemap>
  <sitemap><loc>https://samakal.com/sitemap/2026-06.xml.gz</loc></sitemap>
</sitemapindex>
"""


@pytest.mark.parametrize("zipped", [False, True], ids=["plain", "gzip"])
def test_news_sitemap_entries(zipped: bool) -> None:
    body = gzip.compress(NEWS_SITEMAP) if zipped else NEWS_SITEMAP
    kind, links = sitemap_entries(body)
    assert kind == "urlset"
    assert links == [
        Link(
            "https://samakal.com/international/article/355430/russia-defence",
            "রুশ প্রতিরক্ষা",
            "2026-06-06T07:07:00+06:00",
        ),
        # lastmod is both the date (no news:publication_date) and "changed then"
        Link("https://samakal.com/opinion/article/355429/hormuz", None, "2026-06-05", "2026-06-05"),
    ]


@pytest.mark.parametrize("zipped", [False, True], ids=["plain", "gzip"])
def test_sitemap_index_entries(zipped: bool) -> None:
    body = gzip.compress(SITEMAP_INDEX) if zipped else SITEMAP_INDEX
    kind, links = sitemap_entries(body)
    assert kind == "sitemapindex"
    assert links == [
        Link("https://samakal.com/sitemap/news.xml", None, "2026-06-06", "2026-06-06"),
        Link("https://samakal.com/sitemap/2026-06.xml.gz", None, None),
    ]


@pytest.mark.parametrize("body", [b"", b"<html><body>not a sitemap</body></html>", b"<rss/>"])
def test_not_a_sitemap_is_invalid(body: bytes) -> None:
    assert sitemap_entries(body) == ("invalid", [])


@pytest.mark.parametrize(
    "body",
    [b"\x1f\x8bnot gzip", gzip.compress(SITEMAP_INDEX)[:-12]],
    ids=["bad-gzip", "truncated-gzip"],
)
def test_corrupt_gzip_sitemap_is_invalid(body: bytes) -> None:
    assert sitemap_entries(body) == ("invalid", [])


BROKEN_FEED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
    b"<title>Tom & Jerry news</title>"
    b"<item><title>Russia & Bangladesh \x0b defence talks</title>"
    b"<link>https://www.jugantor.com/international/1143899</link>"
    b"<pubDate>Sat, 22 Aug 2026 12:04:14 +0000</pubDate></item>"
    b"<item><title>Second \x01 item &nbsp; & more</title>"
    b"<link>/national/1143898</link></item>"
    b"<item><title>Third</title><link>https://www.jugantor.com/sports/1143897</link></item>"
    b"</channel></rss>"
)


def test_broken_feed_still_yields_its_links() -> None:
    links = feed_links(BROKEN_FEED, "https://www.jugantor.com/feed/rss.xml")
    assert urls(links) == [
        "https://www.jugantor.com/international/1143899",
        "https://www.jugantor.com/national/1143898",
        "https://www.jugantor.com/sports/1143897",
    ]
    assert links[0].published == "Sat, 22 Aug 2026 12:04:14 +0000"
    assert links[2].title == "Third"


def test_stray_ampersand_inside_a_feed_link_keeps_the_query() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>One</title>'
        b"<link>https://www.mzamin.com/news.php?news=123&cat=4</link></item>"
        b"</channel></rss>"
    )
    assert urls(feed_links(body, "https://www.mzamin.com/")) == [
        "https://www.mzamin.com/news.php?news=123&cat=4"
    ]


def test_atom_entry_uses_the_alternate_link() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <title>One</title>
    <link rel="self" href="https://www.bbc.com/bengali/articles/self"/>
    <link rel="alternate" href="https://www.bbc.com/bengali/articles/c1234567890o"/>
    <updated>2026-06-06T01:00:00Z</updated>
  </entry>
  <entry><title>Two</title><link href="/bengali/articles/c0987654321o"/></entry>
</feed>"""
    links = feed_links(body, "https://feeds.bbci.co.uk/bengali/rss.xml")
    assert urls(links) == [
        "https://www.bbc.com/bengali/articles/c1234567890o",
        "https://feeds.bbci.co.uk/bengali/articles/c0987654321o",
    ]


def test_links_in_embedded_json_of_a_real_quintype_page(outlets: dict[str, Outlet]) -> None:
    """Prothom Alo's section page carries its stories in a {"qt": ...} blob with escaped
    slashes (\\u002F): every opinion story the page links as <a> is found there too, and more
    (the page shows only part of the collection as links)."""
    from crawler.fetch.embedded import embedded_links

    name = "prothomalo-opinion-section"
    html = gzip.decompress((RESOURCES / "pages" / f"{name}.html.gz").read_bytes()).decode()
    expected = gold(name)
    outlet = outlets["prothom-alo"]
    found = [u for u in embedded_links(html, expected["base_url"]) if outlet.is_article_url(u)]
    shown = {u for u in expected["links"] if u.startswith("https://www.prothomalo.com/opinion/")}
    opinion = {u for u in found if u.startswith("https://www.prothomalo.com/opinion/")}
    assert shown and shown <= opinion
    assert len(opinion) > len(shown)


def test_links_in_a_next_js_flight_payload() -> None:
    """Dhaka Post's listings (2026): the story list is JSON inside a JS string inside
    self.__next_f.push; the excerpt's structure is verbatim (evilgodfahim/dp @ 0015b65)."""
    from crawler.fetch.embedded import embedded_links

    flight = (
        '1a:["$","$L20",null,{"initialContents":[{"Id":425146,"Heading":"বিশ্বজুড়ে '
        'সাংবাদিকদের জন্য ২০২৫ ছিল প্রাণঘাতী","ImagePathSm":"https://assets.dhakapost.com/media/'
        'a.jpg?width=330\\u0026height=186","URL":"https://www.dhakapost.com/opinion/425146",'
        '"CreatedAtBangla":"২০ জানুয়ারি ২০২৬, ০৯:২৯"},{"Id":424950,"URL":'
        '"https://www.dhakapost.com/opinion/424950"}],"id":16,"slug":"opinion"}]\n'
    )
    page = f"<html><script>self.__next_f.push({json.dumps([1, flight])})</script></html>"
    found = embedded_links(page, "https://www.dhakapost.com/opinion")
    assert [u for u in found if "/opinion/4" in u] == [
        "https://www.dhakapost.com/opinion/425146",
        "https://www.dhakapost.com/opinion/424950",
    ]


def test_json_endpoints_as_outlets_shape_them() -> None:
    from crawler.fetch.jsonsource import json_links

    jugantor = json.dumps(
        [
            {
                "url": "https://www.jugantor.com/politics/1046924",
                "headline": " খালেদা  জিয়া ",
                "created_at": "2025-12-31 04:48:42",
            },
            {"url": None, "headline": "no link"},
        ]
    ).encode()
    (link,) = json_links(jugantor, "https://www.jugantor.com/ajax/x", "", "url", "headline",
                         "created_at") or []  # fmt: skip
    assert link == Link("https://www.jugantor.com/politics/1046924", "খালেদা জিয়া",
                        "2025-12-31 04:48:42")  # fmt: skip
    bonik = json.dumps(
        {
            "posts": [
                {
                    "title": "t",
                    "url_path": "/home/international/NPV6ULMJzBOJZell/",
                    "first_published_at": 1787411840691,
                }
            ]
        }
    ).encode()
    (post,) = json_links(bonik, "https://bonikbarta.com/", "posts", "url_path", "title",
                         "first_published_at", ("^/home/", "/")) or []  # fmt: skip
    assert post.url == "https://bonikbarta.com/international/NPV6ULMJzBOJZell/"
    assert post.published == datetime.fromtimestamp(1787411840.691, UTC).isoformat()
    assert json_links(b"<html>Access denied</html>", "https://x.test/", "") is None
    assert json_links(bonik, "https://bonikbarta.com/", "content.items") is None
