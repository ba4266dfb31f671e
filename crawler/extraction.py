"""Article extraction: trafilatura for the body, then metadata in a fixed order of trust.

Dates come from JSON-LD, then ``article:published_time``-style meta, then ``<time datetime>``,
then a Bengali date that follows a "প্রকাশ"/"আপডেট" label, then the feed or sitemap entry. The
site-wide "today" bar is never used: it has no label and is often a Bangla-calendar date.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import trafilatura
from lxml import html as lxml_html

from crawler.bangla.dates import labelled_dates
from crawler.bangla.normalize import normalize_text

# trafilatura warns for every page it finds no text in; the extract stage counts those itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
EXTRACTION_VERSION = f"prohori-extract-1/trafilatura-{trafilatura.__version__}"
_BOILERPLATE_LINE = re.compile(
    r"^(আরও পড়ুন|আরো পড়ুন|আরও পড়ুনঃ|Source link|Facebook Comments Box|spot_img|"
    r"- Advertisment -|RELATED ARTICLES|Most Popular|Spread the love|মন্তব্য করুন|শেয়ার করুন)"
)
_DESK_CODE = re.compile(r"^/?[\u0980-\u09FF]{1,4}(/[\u0980-\u09FF]{1,4})+/?$")
_TITLE_SUFFIX = re.compile(r"\s*[|\-–—]\s*[^|\-–—]{2,40}$")


@dataclass
class Extracted:
    title: str | None = None
    text: str = ""
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    canonical_url: str | None = None


def _iso(value: str | datetime | None, tz: str) -> str | None:
    """ISO 8601 with an offset; naive values are taken in the outlet's time zone."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            from email.utils import parsedate_to_datetime

            try:
                moment = parsedate_to_datetime(value)
            except (TypeError, ValueError):
                return None
    else:
        moment = value
    zone = ZoneInfo(tz)
    # Stored in the outlet's own offset whatever the page used, so dates compare as text.
    moment = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    return moment.isoformat(timespec="seconds")


def _json_ld(tree: Any) -> dict[str, Any]:
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else data.get("@graph", [data]):
            if isinstance(obj, dict) and "Article" in str(obj.get("@type", "")):
                return obj
    return {}


def _meta(tree: Any, *names: str) -> str | None:
    for name in names:
        values = tree.xpath(
            f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'
        )
        if values and values[0].strip():
            return str(values[0]).strip()
    return None


def clean_lines(text: str) -> str:
    """Drop the boilerplate lines trafilatura keeps (read-more inserts, widgets, desk codes)."""
    kept = [
        line
        for line in text.split("\n")
        if line.strip()
        and not _BOILERPLATE_LINE.match(line.strip())
        and not _DESK_CODE.match(line.strip())
    ]
    return "\n".join(kept)


def clean_title(title: str | None, site_names: tuple[str, ...] = ()) -> str | None:
    if not title:
        return None
    title = " ".join(normalize_text(title).split())  # a headline is one line
    for name in site_names:
        if name and title.endswith(name):
            return re.sub(r"\s*[|\-–—]\s*$", "", title[: -len(name)]).strip() or title
    return title


def extract(html: str, url: str, tz: str = "Asia/Dhaka") -> Extracted:
    """Extract body and metadata from one article page."""
    result = Extracted()
    if not html.strip():
        return result
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return result
    body = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
    )
    result.text = normalize_text(clean_lines(body or ""))
    ld = _json_ld(tree)
    site = _meta(tree, "og:site_name") or ""
    h1 = " ".join(tree.xpath("string(//h1)").split())
    result.title = clean_title(
        ld.get("headline") or h1 or _meta(tree, "og:title") or tree.findtext(".//title"), (site,)
    )
    published = ld.get("datePublished") or _meta(tree, "article:published_time", "datePublished")
    modified = ld.get("dateModified") or _meta(tree, "article:modified_time", "dateModified")
    if not published:
        times = tree.xpath(
            "//article//time/@datetime | //time[contains(@class,'entry-date')]"
            "/@datetime | //time/@datetime"
        )
        published = times[0] if times else None
    if not published:
        # Only a labelled Bengali date is trusted (never the unlabelled site-wide date bar).
        found = labelled_dates(" ".join(tree.xpath("//body//text()")), tz)
        published = found.get("published")
        modified = modified or found.get("modified")
    result.published = _iso(published, tz)
    result.modified = _iso(modified, tz)
    authors = ld.get("author")
    if isinstance(authors, dict):
        authors = [authors]
    if isinstance(authors, list):
        result.authors = [
            normalize_text(str(a.get("name", "") if isinstance(a, dict) else a)) for a in authors
        ]
    if not result.authors:
        byline = _meta(tree, "author") or " ".join(
            tree.xpath(
                "string((//*[contains(@class,'author') or contains(@class,'byline')"
                " or contains(@class,'reporter')])[1])"
            ).split()
        )
        byline = re.sub(r"^(প্রতিবেদক|লেখক|By)\s*[:ঃ]?\s*", "", byline or "").strip()
        result.authors = [normalize_text(byline)] if 0 < len(byline) < 80 else []
    if result.title and result.text.startswith(result.title):
        # trafilatura keeps an <h1> that sits inside <article>; the title is stored apart.
        result.text = result.text[len(result.title) :].lstrip("\n")
    result.section = ld.get("articleSection") or _meta(tree, "article:section")
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    result.canonical_url = canonical[0].strip() if canonical else None
    return result
