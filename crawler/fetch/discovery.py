"""Finding article links: RSS/Atom feeds, (news) sitemaps and sitemap indexes, listing pages.

Pure functions over a response body, so the spider, the tests on real feeds and pages, and
researchers' own scripts share them. Broken XML is parsed with lxml's recovering parser (real
feeds often carry stray ``&`` or control characters); gzipped sitemaps are opened with a size
limit.
"""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from lxml import etree
from lxml import html as lxml_html

from crawler.outlets import Outlet

MAX_UNZIPPED = 50 * 1024 * 1024  # sitemaps are capped at 50 MB by the protocol


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    published: str | None = None
    modified: str | None = None  # the outlet says the page changed then (lastmod, Atom updated)


_BARE_AMPERSAND = re.compile(rb"&(?!(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")


def _xml(body: bytes) -> etree._Element | None:
    if body[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
                body = fh.read(MAX_UNZIPPED + 1)[:MAX_UNZIPPED]
        except (OSError, EOFError):  # a corrupt or truncated gzip body
            return None
    # Feeds often carry a bare "&" in links ("?id=1&cat=2"): escape it, or the recovering
    # parser drops "&cat" as a broken entity.
    body = _BARE_AMPERSAND.sub(b"&amp;", body)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        return etree.fromstring(body.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _text(element: etree._Element, *names: str) -> str | None:
    for name in names:
        found = element.xpath(f"./*[local-name()='{name}']")
        for node in found:
            value = (node.text or "").strip() or (node.get("href") or "").strip()
            if value:
                return value
    return None


def feed_links(body: bytes, base_url: str) -> list[Link]:
    """Items of an RSS 2.0 / RSS 1.0 / Atom feed, in feed order."""
    root = _xml(body)
    if root is None:
        return []
    links: list[Link] = []
    for entry in root.xpath("//*[local-name()='item' or local-name()='entry']"):
        href = None
        for link in entry.xpath("./*[local-name()='link']"):
            rel = link.get("rel", "alternate")
            candidate = (link.get("href") or link.text or "").strip()
            if candidate and rel == "alternate":
                href = candidate
                break
        href = href or _text(entry, "guid", "id")
        if not href or not href.startswith(("http", "/")):
            continue
        title = _text(entry, "title")
        published = _text(entry, "pubDate", "published", "date", "updated")
        title = " ".join((title or "").split()) or None
        links.append(Link(urljoin(base_url, href), title, published, _text(entry, "updated")))
    return links


def sitemap_entries(body: bytes) -> tuple[str, list[Link]]:
    """``("sitemapindex" | "urlset" | "invalid", links)``; news sitemaps give title and date."""
    root = _xml(body)
    if root is None:
        return "invalid", []
    kind = etree.QName(root).localname
    links = []
    for entry in root.xpath("./*[local-name()='url' or local-name()='sitemap']"):
        loc = _text(entry, "loc")
        if not loc:
            continue
        news = entry.xpath("./*[local-name()='news']")
        title = _text(news[0], "title") if news else None
        lastmod = _text(entry, "lastmod")
        published = (_text(news[0], "publication_date") if news else None) or lastmod
        links.append(Link(loc, title, published, lastmod))
    return (kind if kind in ("sitemapindex", "urlset") else "invalid"), links


def listing_links(html: str, base_url: str, outlet: Outlet) -> list[Link]:
    """Article links of a section or listing page, in page order, each once."""
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, etree.ParserError):
        return []
    seen: set[str] = set()
    links = []
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urldefrag(urljoin(base_url, href))[0]
        if url in seen or not outlet.is_article_url(url):
            continue
        seen.add(url)
        title = " ".join(anchor.text_content().split()) or None
        links.append(Link(url, title))
    return links
