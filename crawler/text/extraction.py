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

from crawler.text.bangla.dates import find_dates, labelled_dates
from crawler.text.bangla.normalize import normalize_text
from crawler.text.cleanup import clean_lines, preclean
from crawler.text.pages import is_listing

# trafilatura warns for every page it finds no text in; the extract stage counts those itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
EXTRACTION_VERSION = f"prohori-extract-2/trafilatura-{trafilatura.__version__}"
FALLBACK_BELOW = 300  # characters: below this, let trafilatura try its fallback extractors
_TIME = re.compile(r"[0-9০-৯]{1,2}\s*[:.]\s*[0-9০-৯]{2}")
_SITE_SEPARATOR = re.compile(r"\s+[|\-–—]\s+")
_BYLINE_LABEL = re.compile(normalize_text(r"^(প্রতিবেদক|লেখক|By|লিখেছেন)\s*[:ঃ]?\s*"))


@dataclass
class Extracted:
    title: str | None = None
    text: str = ""
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    canonical_url: str | None = None
    listing: bool = False  # a section / listing page rather than an article


def to_iso(value: str | datetime | None, tz: str, local: bool = False) -> str | None:
    """ISO 8601 with an offset; naive values are taken in the outlet's time zone. ``local``:
    the value's own offset is wrong (a feed that says GMT and means Dhaka time), so its wall
    clock time is read in ``tz``."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            from email.utils import parsedate_to_datetime

            try:
                moment = parsedate_to_datetime(value)
                if moment.tzinfo is None and value.strip().endswith("-0000"):
                    moment = moment.replace(tzinfo=ZoneInfo("UTC"))  # RFC 2822: UTC
            except (TypeError, ValueError):
                # Feeds that print dates in Bengali ("আপডেটঃ ০৬ জুন ২০২৬ | ০৭:০৭").
                found = find_dates(value, tz)
                if not found:
                    return None
                moment = found[0][1]
    else:
        moment = value
    zone = ZoneInfo(tz)
    # Stored in the outlet's own offset whatever the page used, so dates compare as text.
    if moment.tzinfo is None or local:
        moment = moment.replace(tzinfo=zone)
    else:
        moment = moment.astimezone(zone)
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


def _one_line(text: str | None) -> str:
    return " ".join(normalize_text(text or "").split())


def _strip_site(title: str, h1: str) -> str:
    """Drop a " | site" / " - site" suffix, unless the headline itself ends that way."""
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) > 1 and len(parts[-1]) <= 40 and not h1.endswith(parts[-1]):
        return _SITE_SEPARATOR.split(title, maxsplit=len(parts) - 2)[0].strip()
    return title


def _title(tree: Any, ld: dict[str, Any]) -> str | None:
    h1 = _one_line(" ".join(tree.xpath("(//h1)[1]//text()")))
    og = _strip_site(_one_line(_meta(tree, "og:title")), h1)
    head = _strip_site(_one_line(tree.findtext(".//title")), h1)
    headline = _one_line(ld.get("headline") if isinstance(ld.get("headline"), str) else "")
    if h1 and og and h1 != og and h1.endswith(og):
        return og  # the <h1> carries a kicker ("অন্যদৃষ্টি / ...")
    return headline or h1 or og or head or None


def _text_after_headline(tree: Any, limit: int = 2000) -> str:
    """The page's text from the headline on: where the story's own date is printed (the
    site-wide date bar sits above it)."""
    nodes = tree.xpath(
        "(//h1)[1]/following::text()[not(ancestor::script) and not(ancestor::style)]"
    )
    if not tree.xpath("//h1"):
        nodes = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    text, size = [], 0
    for node in nodes:
        text.append(str(node))
        size += len(node)
        if size > limit:
            break
    return " ".join(text)


def _dates(tree: Any, ld: dict[str, Any], tz: str) -> tuple[Any, Any]:
    published = ld.get("datePublished") or _meta(
        tree, "article:published_time", "datePublished", "pubdate", "publishdate"
    )
    modified = ld.get("dateModified") or _meta(tree, "article:modified_time", "dateModified")
    if not published:
        times = tree.xpath(
            "//article//time/@datetime | //time[contains(@class,'entry-date')]"
            "/@datetime | //time[contains(@class,'published')]/@datetime"
            " | //time/@datetime"
        )
        published = times[0] if times else None
    if published and modified:
        return published, modified
    after = normalize_text(_text_after_headline(tree))  # once for both searches below
    labelled = labelled_dates(after, tz, normalized=True)
    modified = modified or labelled.get("modified")
    if not published:
        published = labelled.get("published")
    if not published:
        # An unlabelled date right after the headline is the byline's ("এপ্রিল ৯, ২০২৫ ৭:২৭
        # অপরাহ্ণ", or "০৮ এপ্রিল ২০২১, ১১:২১" glued to "আপডেট : ..."); the date bar is above.
        found = find_dates(after, tz, normalized=True)
        published = found[0][1] if found else None
    return published, modified


def _authors(tree: Any, ld: dict[str, Any], site: str) -> list[str]:
    names: list[str] = []
    raw = ld.get("author")
    for entry in raw if isinstance(raw, list) else [raw] if raw else []:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip():
            names.append(_one_line(name))
    if names:
        return names
    lower = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    byline = ""
    for element in tree.xpath(
        f"//*[contains({lower}, 'author') or contains({lower}, 'byline')"
        f" or contains({lower}, 'reporter') or @rel='author']"
    ):
        text = _BYLINE_LABEL.sub("", _one_line(element.text_content())).strip(" -–—,|")
        # The innermost byline: a box holding the name *and* the date is not the name.
        if 0 < len(text) <= 60 and not find_dates(text) and not _TIME.search(text):
            byline = text
            break
    meta = _one_line(_meta(tree, "author"))
    # A meta author that is the site itself ("SAMAKAL") names no one.
    if meta and meta.lower() not in (site.lower(), "") and not meta.isupper():
        byline = byline or meta
    return [byline] if 0 < len(byline) <= 60 else []


def _trafilatura(tree: Any, url: str, fast: bool) -> str | None:
    return trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
        fast=fast,
    )


def extract(
    html: str, url: str, tz: str = "Asia/Dhaka", extra_rules: tuple[re.Pattern[str], ...] = ()
) -> Extracted:
    """Extract body and metadata from one article page."""
    result = Extracted()
    if not html.strip():
        return result
    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return result
    ld = _json_ld(tree)
    site = _one_line(_meta(tree, "og:site_name"))
    result.title = _title(tree, ld)
    published, modified = _dates(tree, ld, tz)
    result.published, result.modified = to_iso(published, tz), to_iso(modified, tz)
    result.authors = _authors(tree, ld, site)
    section = ld.get("articleSection") or _meta(tree, "article:section")
    result.section = section if isinstance(section, str) else None
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    result.canonical_url = canonical[0].strip() if canonical else None
    result.listing = not ld and is_listing(tree)
    preclean(tree)
    # With the furniture gone, trafilatura's own extractor is enough; its fallbacks
    # (readability, jusText) cost as much again and only run when it finds too little.
    body = _trafilatura(tree, url, fast=True)
    if not body or len(body) < FALLBACK_BELOW:
        fresh = lxml_html.fromstring(html)  # the first pass changed the tree
        preclean(fresh)
        body = _trafilatura(fresh, url, fast=False) or body
    # trafilatura returns NFC text already: only the rest of the canonical form is applied.
    result.text = clean_lines(normalize_text(body or "", nfc=False), result.title, extra_rules)
    return result
